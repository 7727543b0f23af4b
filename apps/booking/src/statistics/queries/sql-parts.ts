import { sqlTextArray } from '@kotoportti/model';
import type { DataSource, EntityManager } from 'typeorm';
import type { Column, Row } from '../stat-table';
import { label } from '../stat-table';

/** Positional parameters for one query, so no value is ever spliced into SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Where a report's SQL runs: the pool, or one transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * Runs a report in a read-only transaction with room to sort and hash in memory: the
 * default 4 MB sent the waiting-times and courses reports' sorts of two years' rows to disk.
 */
export function withReportMemory<T>(
  db: DataSource,
  run: (db: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (manager) => {
    await manager.query(`SET TRANSACTION READ ONLY`);
    await manager.query(`SET LOCAL work_mem = '32MB'`);
    return run(manager);
  });
}

/** The calendar day an instant falls on in Finland. */
export const helsinkiDate = (column: string) => `(${column} AT TIME ZONE 'Europe/Helsinki')::date`;
/**
 * Instants that fall on Helsinki days `from`..`to` (both `date` SQL), as a range on the
 * column itself: the planner can use an index and estimate the rows, which it cannot for
 * an expression of the column.
 */
export const onHelsinkiDays = (column: string, from: string, to: string) =>
  `${column} >= (${from} + time '00:00') AT TIME ZONE 'Europe/Helsinki'
   AND ${column} < (${to} + 1 + time '00:00') AT TIME ZONE 'Europe/Helsinki'`;
export const monthOf = (dateSql: string) => `to_char(${dateSql}, 'YYYY-MM')`;

/**
 * The median and 90th percentile of whole days in one ordered-set aggregate, so each measure
 * is sorted once per group instead of once per percentile. NULLs when there is nothing to
 * take them of; read the two with `percentileAt`.
 */
export function percentiles(expression: string, filter?: string): string {
  const where = filter ? ` FILTER (WHERE ${filter})` : '';
  return `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${expression})${where}`;
}

/** One of the `percentiles` (1: median, 2: 90th percentile), to one decimal. */
export const percentileAt = (array: string, index: 1 | 2) =>
  `round((${array})[${index}]::numeric, 1)`;

/** A share in per cent to one decimal; NULL when the denominator is zero. */
export const percent = (numerator: string, denominator: string) =>
  `round(100.0 * (${numerator}) / NULLIF(${denominator}, 0), 1)`;

/**
 * A breakdown the caller may choose. `sql` is the grouped expression; organisations come
 * with their name, looked up after grouping so the grouping stays on the id.
 */
export interface Dimension {
  /** The name in `?by=`. */
  by: string;
  /** The column key in the answer. */
  key: string;
  title: string;
  sql: string;
  /** Set for organisation ids: the name column shown beside the id. */
  nameKey?: string;
  /** How rows sort on it, over the answer's columns, when text order is wrong (levels). */
  order?: string;
  /**
   * What to group on when `sql` is a function of it: grouping 90,000 rows on a date sorts far
   * faster than on its text, which is then formatted once per group.
   */
  groupOn?: string;
}

/** Codes in the order of their code list, not alphabetically. */
export const codeOrder = (column: string, codes: readonly string[]) =>
  `array_position(${sqlTextArray(codes)}, ${column})`;

export interface Grouping {
  /** `expr AS "key"` for the chosen dimensions, each followed by a comma, or ''. */
  select: string;
  groupBy: string;
  /** The outer query's name look-ups, each followed by a comma, or ''. */
  names: string;
  orderBy: string;
  columns: Column[];
}

function orderOf(dimension: Dimension): string {
  if (dimension.order) return dimension.order;
  return dimension.nameKey ? `"${dimension.nameKey}", "${dimension.key}"` : `"${dimension.key}"`;
}

export function grouping(dimensions: readonly Dimension[], by: readonly string[]): Grouping {
  const chosen = dimensions.filter((dimension) => by.includes(dimension.by));
  const named = chosen.filter((dimension) => dimension.nameKey);
  return {
    select: chosen.map((d) => `${d.sql} AS "${d.key}", `).join(''),
    groupBy: chosen.length ? `GROUP BY ${chosen.map((d) => d.groupOn ?? d.sql).join(', ')}` : '',
    names: named
      .map((d) => `(SELECT name FROM organisations WHERE id = g."${d.key}") AS "${d.nameKey}", `)
      .join(''),
    orderBy: chosen.length ? `ORDER BY ${chosen.map(orderOf).join(', ')}` : '',
    columns: chosen.flatMap((d) =>
      d.nameKey
        ? [label(d.nameKey, d.title), label(d.key, `${d.title} id`)]
        : [label(d.key, d.title)],
    ),
  };
}

/** Columns a query selects only to read from in SQL (the percentile arrays), named `__…`. */
export const helper = (name: string) => `"__${name}"`;

/** The answer without the helper columns. */
export function withoutHelpers(rows: Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('__'))),
  );
}
