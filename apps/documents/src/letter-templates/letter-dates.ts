import type { LanguageMeta } from './translations';

/** Letters show Finnish time, wherever the server runs. */
export const LETTER_TIME_ZONE = 'Europe/Helsinki';

type DateParts = Record<'weekday' | 'day' | 'month' | 'year', string>;

/**
 * Dates and times nobody can misread: weekday, day, month name and year, 24-hour time, in the
 * Gregorian calendar and the digits people read in that language. Intl would otherwise pick
 * the Persian calendar for fa and the Buddhist one for th, so the calendar is forced.
 */
export class LetterDates {
  private readonly dateInHelsinki: Intl.DateTimeFormat;
  private readonly dateOfDay: Intl.DateTimeFormat;
  private readonly clock: Intl.DateTimeFormat;
  private readonly numbers: Intl.NumberFormat;
  private readonly hours: Intl.NumberFormat;
  private readonly minutes: Intl.NumberFormat;

  constructor(private readonly meta: LanguageMeta) {
    const common = { calendar: 'gregory', numberingSystem: meta.numberingSystem } as const;
    const longDate = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
    this.dateInHelsinki = new Intl.DateTimeFormat(meta.intlLocale, {
      ...common,
      ...longDate,
      timeZone: LETTER_TIME_ZONE,
    });
    // A calendar day has no time zone: formatted at noon UTC it cannot slip to a neighbour.
    this.dateOfDay = new Intl.DateTimeFormat(meta.intlLocale, {
      ...common,
      ...longDate,
      timeZone: 'UTC',
    });
    this.clock = new Intl.DateTimeFormat(meta.intlLocale, {
      ...common,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: LETTER_TIME_ZONE,
    });
    this.numbers = new Intl.NumberFormat(meta.intlLocale, {
      numberingSystem: meta.numberingSystem,
      maximumFractionDigits: 1,
    });
    const unit = (name: 'hour' | 'minute') =>
      new Intl.NumberFormat(meta.intlLocale, {
        numberingSystem: meta.numberingSystem,
        style: 'unit',
        unit: name,
        unitDisplay: 'long',
        maximumFractionDigits: 1,
      });
    this.hours = unit('hour');
    this.minutes = unit('minute');
  }

  /** An instant's day in Helsinki, e.g. "tiistaina 16. joulukuuta 2025". */
  date(instant: Date): string {
    return this.withPattern(this.dateInHelsinki, instant);
  }

  /** A calendar day 'YYYY-MM-DD' (course start, queue entry) in the same form. */
  day(isoDay: string): string {
    const [year, month, day] = isoDay.split('-').map(Number);
    return this.withPattern(this.dateOfDay, new Date(Date.UTC(year, month - 1, day, 12)));
  }

  /** 24-hour Helsinki time, e.g. "10.00", "١٠:٠٠". */
  time(instant: Date): string {
    return this.clock.format(instant);
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** Whole hours as hours, anything else as minutes: "3 hours", "150 minutes". */
  duration(totalMinutes: number): string {
    const wholeHours = totalMinutes % 60 === 0;
    const value = wholeHours ? totalMinutes / 60 : totalMinutes;
    const override = this.meta.units?.[wholeHours ? 'hour' : 'minute'];
    if (override) return override.replace('{n}', this.number(value));
    return (wholeHours ? this.hours : this.minutes).format(value);
  }

  private withPattern(format: Intl.DateTimeFormat, date: Date): string {
    const pattern = this.meta.datePattern;
    if (!pattern) return format.format(date);
    const parts = Object.fromEntries(
      format.formatToParts(date).map((part) => [part.type, part.value]),
    ) as Partial<DateParts>;
    return pattern.replace(
      /\{(weekday|day|month|year)\}/g,
      (_, name: keyof DateParts) => parts[name] ?? '',
    );
  }
}
