/** The figures asked for, after defaults and the actor's scope have been applied. */
export interface StatisticsFilter {
  /** First and last calendar day of the range, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  regionId: string | null;
  officeId: string | null;
  centreId: string | null;
  providerId: string | null;
}

const helsinkiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today as a Helsinki calendar shows it: the statistics are Finnish months and days. */
export function helsinkiToday(now = new Date()): string {
  return helsinkiDay.format(now);
}

/** The first day of the month `months` months before `day`'s month. */
export function monthStartBefore(day: string, months: number): string {
  const [year, month] = day.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 1 - months, 1));
  return start.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
