/**
 * Calendar days and wall-clock times in Europe/Helsinki. Sessions are planned in local time
 * ("9.00"), but stored as instants, and the UTC offset is +2 or +3 depending on the date.
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

function helsinkiParts(instant: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** Milliseconds Helsinki is ahead of UTC at that instant. */
function helsinkiOffsetMs(instant: Date): number {
  const p = helsinkiParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function splitDay(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year, month, date];
}

/** The instant when Helsinki clocks show `hour:minute` on `day` ('YYYY-MM-DD'). */
export function helsinkiInstant(day: string, hour: number, minute = 0): Date {
  const [year, month, date] = splitDay(day);
  const wallClockAsUtc = Date.UTC(year, month - 1, date, hour, minute);
  // The offset at the guess can differ from the offset at the answer only near a DST switch
  // (at 3.00–4.00 local time), so a second pass settles it.
  let instant = wallClockAsUtc - helsinkiOffsetMs(new Date(wallClockAsUtc));
  instant = wallClockAsUtc - helsinkiOffsetMs(new Date(instant));
  return new Date(instant);
}

/** The Helsinki calendar day of an instant, 'YYYY-MM-DD'. */
export function helsinkiDay(instant: Date): string {
  const p = helsinkiParts(instant);
  return toDay(Date.UTC(p.year, p.month - 1, p.day));
}

function toDay(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = splitDay(day);
  return toDay(Date.UTC(year, month - 1, date + days));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [year, month, date] = splitDay(day);
  return new Date(Date.UTC(year, month - 1, date)).getUTCDay() || 7;
}

/** The first Monday on or after `day`. */
export function mondayOnOrAfter(day: string): string {
  return addDays(day, (8 - isoWeekday(day)) % 7);
}
