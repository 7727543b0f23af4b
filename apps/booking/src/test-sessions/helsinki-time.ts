/**
 * Wall-clock time in Europe/Helsinki. Test sessions are planned in local time ("every
 * Tuesday 9.00") but stored as instants; the UTC offset is +2 or +3 depending on the date,
 * so a weekly pattern is expanded per calendar day, never by adding 7 × 24 hours.
 */
export const HELSINKI = 'Europe/Helsinki';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: HELSINKI,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface LocalDateTime {
  /** 'YYYY-MM-DD' */
  day: string;
  /** 'HH:MM:SS' */
  time: string;
}

function parts(instant: Date): Record<string, number> {
  const result: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== 'literal') result[part.type] = Number(part.value);
  }
  return result;
}

const HOUR_MS = 3600_000;
const offsetByUtcHour = new Map<number, number>();

/**
 * Milliseconds Helsinki is ahead of UTC at that instant. Finland changes its clocks on the
 * hour (01:00 UTC), so the offset is one per UTC hour and is remembered: formatting with
 * Intl is slow, and every booking shown formats several instants.
 */
function offsetMs(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    const p = parts(new Date(hour * HOUR_MS));
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * HOUR_MS;
    if (offsetByUtcHour.size > 100_000) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What Helsinki clocks and calendars show at an instant. */
export function toHelsinki(instant: Date): LocalDateTime {
  const local = new Date(instant.getTime() + offsetMs(instant)).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 19) };
}

/** The instant when Helsinki clocks show `time` ('HH:MM' or 'HH:MM:SS') on `day`. */
export function fromHelsinki(day: string, time: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute, second = 0] = time.split(':').map(Number);
  const wallClockAsUtc = Date.UTC(year, month - 1, date, hour, minute, second);
  // The offset at the guess differs from the offset at the answer only within the hour
  // of a daylight-saving switch, so a second pass settles it.
  let instant = wallClockAsUtc - offsetMs(new Date(wallClockAsUtc));
  instant = wallClockAsUtc - offsetMs(new Date(instant));
  return new Date(instant);
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date)).getUTCDay() || 7;
}

/** ISO 8601 with Helsinki's offset of that moment, e.g. '2026-03-31T09:00:00+03:00'. */
export function helsinkiIso(instant: Date): string {
  const local = toHelsinki(instant);
  const minutes = Math.round(offsetMs(instant) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local.day}T${local.time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
