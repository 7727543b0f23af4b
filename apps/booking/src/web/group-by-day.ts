import { toHelsinki } from '../test-sessions/helsinki-time';

/** Rows under their Helsinki calendar day, days in order: the calendar-like lists. */
export function groupByDay<T>(rows: T[], instantOf: (row: T) => string | Date) {
  const days = new Map<string, T[]>();
  for (const row of rows) {
    const day = toHelsinki(new Date(instantOf(row))).day;
    days.set(day, [...(days.get(day) ?? []), row]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, items]) => ({ day, items }));
}
