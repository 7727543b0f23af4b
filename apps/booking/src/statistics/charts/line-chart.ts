import { colour, drawable, esc, frameWithLegend, legend, niceMax, svgRoot, yAxis } from './svg';

export interface LineSeries {
  name: string;
  values: unknown[];
}

export interface LineChart {
  id: string;
  title: string;
  /** One label per point on the x axis: days or months, in order. */
  labels: string[];
  series: LineSeries[];
}

/** A polyline per series; a hidden or empty value breaks the line instead of dropping to zero. */
function path(values: unknown[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = 'M';
  values.forEach((raw, i) => {
    const value = drawable(raw);
    if (value === null) {
      pen = 'M';
      return;
    }
    d += `${pen}${x(i).toFixed(1)},${y(value).toFixed(1)} `;
    pen = 'L';
  });
  return d.trim();
}

export function lineChart(chart: LineChart): string {
  const f = frameWithLegend(chart.series.map((s) => s.name));
  const all = chart.series.flatMap((s) => s.values.map(drawable)).filter((v) => v !== null);
  const max = niceMax(Math.max(0, ...all));
  const plotWidth = f.width - f.left - f.right;
  const plotHeight = f.height - f.top - f.bottom;
  const step = chart.labels.length > 1 ? plotWidth / (chart.labels.length - 1) : 0;
  const x = (i: number) => f.left + (chart.labels.length > 1 ? i * step : plotWidth / 2);
  const y = (v: number) => f.top + plotHeight * (1 - v / max);
  const every = Math.max(1, Math.ceil(chart.labels.length / 8));
  const ticks = chart.labels
    .map((text, i) =>
      i % every === 0
        ? `<text x="${x(i)}" y="${f.height - f.bottom + 16}" text-anchor="middle" font-size="11">${esc(text)}</text>`
        : '',
    )
    .join('');
  const lines = chart.series
    .map((s, i) => {
      const d = path(s.values, x, y);
      const dots = s.values
        .map((raw, j) => {
          const v = drawable(raw);
          return v === null
            ? ''
            : `<circle cx="${x(j)}" cy="${y(v)}" r="2.5" fill="${colour(i)}"/>`;
        })
        .join('');
      return d ? `<path d="${d}" fill="none" stroke="${colour(i)}" stroke-width="2"/>${dots}` : '';
    })
    .join('\n');
  const body = `${yAxis(f, max)}\n${ticks}\n${lines}\n${legend(
    f,
    chart.series.map((s) => s.name),
  )}`;
  return svgRoot(f, chart.id, chart.title, body);
}
