import type { Cell, StatTable } from '../stat-table';

export interface TableModel {
  caption: string;
  headers: string[];
  /** The first cell of each row is its header (`<th scope="row">`). */
  rows: string[][];
}

const text = (cell: Cell) => (cell === null ? '–' : String(cell));

/** A table as a page shows it: the column labels, every cell as published (with "<5"). */
export function tableModel(table: StatTable, caption = table.title): TableModel {
  return {
    caption,
    headers: table.columns.map((column) => column.label),
    rows: table.rows.map((row) => table.columns.map((column) => text(row[column.key] ?? null))),
  };
}

/** A chart's own numbers: one row per category, one column per series. */
export function chartTable(
  caption: string,
  categoryHeader: string,
  categories: string[],
  series: Array<{ name: string; values: Cell[] }>,
): TableModel {
  return {
    caption,
    headers: [categoryHeader, ...series.map((s) => s.name)],
    rows: categories.map((category, i) => [
      category,
      ...series.map((s) => text(s.values[i] ?? null)),
    ]),
  };
}
