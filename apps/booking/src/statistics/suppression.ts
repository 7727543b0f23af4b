import type { Cell, Column, Row, StatTable } from './stat-table';

/** Cells describing fewer people than this are not published (Statistics Finland's rule of five). */
export const MIN_PEOPLE = 5;
export const SUPPRESSED = '<5';

const isSmall = (value: Cell) => typeof value === 'number' && value > 0 && value < MIN_PEOPLE;
const valueOf = (row: Row, key: string) => {
  const value = row[key];
  return typeof value === 'number' ? value : 0;
};

/** People counts of 1–4: the primary suppression. Zero is shown; it describes nobody. */
function primary(row: Row, columns: Column[]): Set<string> {
  return new Set(
    columns
      .filter((column) => column.kind === 'people' && isSmall(row[column.key]))
      .map((column) => column.key),
  );
}

/**
 * Secondary suppression. In a partition (total = sum of parts) whose members are all known
 * but one, that one can be recovered by subtraction; if it is a hidden cell, or an
 * unpublished figure of 1–4 people, the smallest other non-zero member is hidden too.
 * Repeated until stable, since hiding a total can open another partition it is part of.
 */
function complementary(row: Row, table: StatTable, hidden: Set<string>): void {
  const published = new Set(table.columns.map((column) => column.key));
  let changed = true;
  while (changed) {
    changed = false;
    for (const partition of table.partitions) {
      const members = [...partition.parts, partition.total];
      const unknown = members.filter((key) => hidden.has(key) || !published.has(key));
      if (unknown.length !== 1) continue;
      const [derivable] = unknown;
      if (!hidden.has(derivable) && !isSmall(row[derivable])) continue;
      const shown = members
        .filter((key) => key !== derivable && !hidden.has(key) && valueOf(row, key) > 0)
        .sort((a, b) => valueOf(row, a) - valueOf(row, b));
      const next = shown.find((key) => key !== partition.total) ?? shown[0];
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
}

/** Which published cells of one row must be shown as "<5". */
export function hiddenCells(row: Row, table: StatTable): Set<string> {
  const hidden = primary(row, table.columns);
  complementary(row, table, hidden);
  for (const column of table.columns) {
    if (column.kind === 'measure' && column.basis && isSmall(row[column.basis])) {
      hidden.add(column.key);
    }
    if (column.kind === 'rate' && column.from?.some((key) => hidden.has(key))) {
      hidden.add(column.key);
    }
  }
  return hidden;
}

/** The table as it may be published: hidden cells "<5", unpublished helper figures dropped. */
export function suppress(table: StatTable): StatTable {
  const rows = table.rows.map((row) => {
    const hidden = hiddenCells(row, table);
    const out: Row = {};
    for (const column of table.columns) {
      const value = row[column.key] ?? null;
      // An empty figure (no one to take a median of, no fill rate for an office) stays empty.
      out[column.key] = hidden.has(column.key) && value !== null ? SUPPRESSED : value;
    }
    return out;
  });
  return { ...table, rows };
}
