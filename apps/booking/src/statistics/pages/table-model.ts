import type { Cell, StatTable } from '../stat-table';
import { CELL_CODE_LISTS, codeLabel, columnLabel, type Translate } from './labels';

export interface TableModel {
  caption: string;
  headers: string[];
  /** The first cell of each row is its header (`<th scope="row">`). */
  rows: string[][];
}

const text = (cell: Cell) => (cell === null ? '–' : String(cell));

/** A table as a page shows it: translated headings and codes, every cell as published ("<5"). */
export function tableModel(t: Translate, table: StatTable, caption: string): TableModel {
  return {
    caption,
    headers: table.columns.map((column) => columnLabel(t, column)),
    rows: table.rows.map((row) =>
      table.columns.map((column) => {
        const value = row[column.key] ?? null;
        const list = CELL_CODE_LISTS[column.key];
        return list && typeof value === 'string' ? codeLabel(t, list, value) : text(value);
      }),
    ),
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
