import { isWorkingDay } from '@kotoportti/platform';

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * How long a released seat is held: the last day of a hold of `count` Finnish working days that begins the day after `today`: an
 * offer made on a Friday afternoon is not half gone by Monday.
 */
export function holdUntil(today: string, count: number): string {
  let day = today;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
