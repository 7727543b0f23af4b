/** Text that goes into SVG markup: the names of regions and providers are typed by people. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Colour-blind-safe (Okabe–Ito), dark enough on white for lines and bars. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

export const colour = (i: number) => PALETTE[i % PALETTE.length];

/** A value a chart can draw: suppressed ("<5") and empty cells are gaps, not zeros. */
export function drawable(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A round axis maximum (1, 2 or 5 times a power of ten) at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= max) ?? max;
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const FRAME: Frame = { width: 640, height: 300, left: 48, right: 16, top: 16, bottom: 56 };

/** The y axis with four gridlines and their values. */
export function yAxis(frame: Frame, max: number): string {
  const plotHeight = frame.height - frame.top - frame.bottom;
  return [0, 0.25, 0.5, 0.75, 1]
    .map((share) => {
      const y = frame.top + plotHeight * (1 - share);
      const value = Math.round(max * share * 10) / 10;
      return `<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${y}" y2="${y}" stroke="#ccc"/>
<text x="${frame.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${value}</text>`;
    })
    .join('\n');
}

/** The outer element: an image with a name, so a screen reader announces it and moves on to the table. */
export function svgRoot(frame: Frame, id: string, title: string, content: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-labelledby="${id}-title" class="chart" font-family="system-ui, sans-serif">
<title id="${id}-title">${esc(title)}</title>
${content}
</svg>`;
}

const LEGEND_ROW = 16;

/**
 * Legend entries left to right, wrapping into another row where the next would not fit:
 * translated series names are long, and side by side at fixed steps they overlapped.
 * Widths are estimated from the number of characters (11px text), as the server cannot measure.
 */
function legendLayout(frame: Frame, names: string[]): Array<{ x: number; row: number }> {
  let x = frame.left;
  let row = 0;
  return names.map((name) => {
    const width = 14 + name.length * 6.2 + 18;
    if (x > frame.left && x + width > frame.width - frame.right) {
      row += 1;
      x = frame.left;
    }
    const at = { x, row };
    x += width;
    return at;
  });
}

const rowsOf = (frame: Frame, names: string[]) =>
  Math.max(0, ...legendLayout(frame, names).map((at) => at.row)) + 1;

/** The frame grown downwards for a legend of several rows; the plot keeps its size. */
export function frameWithLegend(names: string[], frame: Frame = FRAME): Frame {
  const extra = (rowsOf(frame, names) - 1) * LEGEND_ROW;
  return { ...frame, height: frame.height + extra, bottom: frame.bottom + extra };
}

export function legend(frame: Frame, names: string[]): string {
  const layout = legendLayout(frame, names);
  const rows = rowsOf(frame, names);
  return names
    .map((name, i) => {
      const { x, row } = layout[i];
      const y = frame.height - 12 - (rows - 1 - row) * LEGEND_ROW;
      return `<rect x="${x.toFixed(1)}" y="${y - 9}" width="10" height="10" fill="${colour(i)}"/><text x="${(x + 14).toFixed(1)}" y="${y}" font-size="11">${esc(name)}</text>`;
    })
    .join('\n');
}
