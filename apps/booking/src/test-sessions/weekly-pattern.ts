import { addDays, fromHelsinki, toHelsinki } from './helsinki-time';

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

export interface WeeklyPattern {
  /** 'YYYY-MM-DD', the Helsinki day of the first session. */
  firstDate: string;
  /** 'HH:MM:SS' Helsinki wall-clock time. */
  localStartTime: string;
  localEndTime: string;
  /** 'YYYY-MM-DD', the last day a session may fall on. */
  lastDate: string;
}

/** The pattern of a first session repeated weekly up to lastDate, in Helsinki local time. */
export function patternOf(startsAt: Date, endsAt: Date, lastDate: string): WeeklyPattern {
  const start = toHelsinki(startsAt);
  return {
    firstDate: start.day,
    localStartTime: start.time,
    localEndTime: toHelsinki(endsAt).time,
    lastDate,
  };
}

/**
 * One occurrence per week, each computed from its own calendar day and the local times, so
 * 9:00 and 14:00 stay 9:00 and 14:00 across the daylight-saving changes.
 */
export function expandWeekly(pattern: WeeklyPattern): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (let day = pattern.firstDate; day <= pattern.lastDate; day = addDays(day, 7)) {
    occurrences.push({
      startsAt: fromHelsinki(day, pattern.localStartTime),
      endsAt: fromHelsinki(day, pattern.localEndTime),
    });
  }
  return occurrences;
}
