/**
 * The Finnish working calendar on ISO calendar days (`yyyy-mm-dd`): offices and test centres
 * are closed on weekends and public holidays. The demo data avoids these days; the queue
 * counts a held seat's days on them.
 */

/** The ISO day `days` after `day` (negative: before). */
function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** New Year, Epiphany, May Day, Independence Day, Christmas Eve, Christmas, St Stephen's. */
const FIXED_HOLIDAYS = ['01-01', '01-06', '05-01', '12-06', '12-24', '12-25', '12-26'];

export function isFinnishHoliday(day: string): boolean {
  if (FIXED_HOLIDAYS.includes(day.slice(5))) return true;
  const easter = easterSunday(Number(day.slice(0, 4)));
  // Good Friday, Easter Monday, Ascension Day.
  if ([-2, 1, 39].some((offset) => shiftDay(easter, offset) === day)) return true;
  // Midsummer Eve: the Friday from 19 to 25 June.
  const monthDay = day.slice(5);
  return weekdayOf(day) === 5 && monthDay >= '06-19' && monthDay <= '06-25';
}

export function isWorkingDay(day: string): boolean {
  return weekdayOf(day) <= 5 && !isFinnishHoliday(day);
}
