/**
 * One statistics table as the queries produce it and as JSON, CSV and the pages show it.
 * Columns say what kind of figure they hold, because that decides whether and how a cell
 * is suppressed (see suppression.ts).
 */

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export type ColumnKind =
  /** A dimension: month, pace, region name. Never suppressed. */
  | 'label'
  /** A number of people: suppressed when 1–4. */
  | 'people'
  /** A number of things that are not people (sessions, seats offered): never suppressed. */
  | 'quantity'
  /** A statistic over people (a median): suppressed when its `basis` count is 1–4. */
  | 'measure'
  /** A share derived from people counts: suppressed when any count in `from` is. */
  | 'rate';

export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  /** For measures: the people column the statistic is computed over. */
  basis?: string;
  /** For rates: the people columns the share is computed from. */
  from?: string[];
}

/**
 * `total` is the sum of `parts`. Publishing all but one of them would let a reader subtract
 * a suppressed cell back out, so suppression keeps at least two of them hidden or none.
 * A member may be a figure the table never publishes (a key outside `columns`, e.g. the
 * clients placed between 31 and 90 days): it is then derivable, and protected, the same way.
 */
export interface Partition {
  total: string;
  parts: string[];
}

export interface StatTable {
  name: string;
  title: string;
  columns: Column[];
  rows: Row[];
  partitions: Partition[];
}

export const label = (key: string, title: string): Column => ({ key, label: title, kind: 'label' });
export const people = (key: string, title: string): Column => ({
  key,
  label: title,
  kind: 'people',
});
export const quantity = (key: string, title: string): Column => ({
  key,
  label: title,
  kind: 'quantity',
});
export const measure = (key: string, title: string, basis: string): Column => ({
  key,
  label: title,
  kind: 'measure',
  basis,
});
export const rate = (key: string, title: string, from: string[]): Column => ({
  key,
  label: title,
  kind: 'rate',
  from,
});

/** pg returns numeric and bigint as strings; every figure (all but labels) becomes a number. */
export function numericRows(rows: Row[], columns: Column[]): Row[] {
  const labels = new Set(columns.filter((c) => c.kind === 'label').map((c) => c.key));
  return rows.map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) {
      out[key] = !labels.has(key) && typeof value === 'string' ? Number(value) : (value ?? null);
    }
    return out;
  });
}
