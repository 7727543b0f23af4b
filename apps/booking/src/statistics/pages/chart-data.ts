import type { Cell, Column, StatTable } from '../stat-table';

/** Distinct values of a column, in the order the query sorted them. */
export function distinct(table: StatTable, key: string): string[] {
  return [...new Set(table.rows.map((row) => String(row[key])))];
}

/** A long table (category, series, value) turned into one series per `seriesKey` value. */
export function pivot(
  table: StatTable,
  categoryKey: string,
  seriesKey: string,
  valueKey: string,
): { categories: string[]; series: Array<{ name: string; values: Cell[] }> } {
  const categories = distinct(table, categoryKey);
  const names = distinct(table, seriesKey);
  const series = names.map((name) => ({
    name,
    values: categories.map((category) => {
      const row = table.rows.find(
        (r) => String(r[categoryKey]) === category && String(r[seriesKey]) === name,
      );
      return row ? (row[valueKey] ?? null) : null;
    }),
  }));
  return { categories, series };
}

/** Columns of a wide table as series over its rows' categories, named by `nameOf`. */
export function columnsAsSeries(
  table: StatTable,
  categoryKey: string,
  keys: string[],
  nameOf: (column: Column) => string,
): { categories: string[]; series: Array<{ name: string; values: Cell[] }> } {
  return {
    categories: table.rows.map((row) => String(row[categoryKey])),
    series: keys.map((key) => {
      const column = table.columns.find((candidate) => candidate.key === key);
      return {
        name: column ? nameOf(column) : key,
        values: table.rows.map((row) => row[key] ?? null),
      };
    }),
  };
}
