import {
  colour,
  drawable,
  esc,
  FRAME,
  frameWithLegend,
  legend,
  niceMax,
  svgRoot,
  yAxis,
} from './svg';

export interface BarSeries {
  name: string;
  values: unknown[];
}

export interface BarChart {
  id: string;
  title: string;
  /** One group of bars per category (a month, a dropout reason). */
  categories: string[];
  /** One series: plain bars. Several: stacked, in this order from the bottom. */
  series: BarSeries[];
}

/**
 * Vertical bars, stacked when there are several series. A hidden ("<5") part is left out of
 * its stack, so a bar never shows a figure the table does not publish.
 */
export function barChart(chart: BarChart): string {
  const f = chart.series.length > 1 ? frameWithLegend(chart.series.map((s) => s.name)) : FRAME;
  const totals = chart.categories.map((_, i) =>
    chart.series.reduce((sum, s) => sum + (drawable(s.values[i]) ?? 0), 0),
  );
  const max = niceMax(Math.max(0, ...totals));
  const plotWidth = f.width - f.left - f.right;
  const plotHeight = f.height - f.top - f.bottom;
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.max(4, slot * 0.6);
  const bars = chart.categories
    .map((category, i) => {
      let base = 0;
      const x = f.left + slot * i + (slot - barWidth) / 2;
      const parts = chart.series
        .map((s, j) => {
          const v = drawable(s.values[i]);
          if (v === null || v === 0) return '';
          const top = f.top + plotHeight * (1 - (base + v) / max);
          const height = (plotHeight * v) / max;
          base += v;
          return `<rect class="bar" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${colour(j)}"/>`;
        })
        .join('');
      const label = `<text x="${(x + barWidth / 2).toFixed(1)}" y="${f.height - f.bottom + 16}" text-anchor="middle" font-size="11">${esc(category)}</text>`;
      return parts + label;
    })
    .join('\n');
  const key =
    chart.series.length > 1
      ? legend(
          f,
          chart.series.map((s) => s.name),
        )
      : '';
  return svgRoot(f, chart.id, chart.title, `${yAxis(f, max)}\n${bars}\n${key}`);
}
