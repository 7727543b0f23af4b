import { isFinnishHoliday, isWorkingDay } from '@kotoportti/platform';
import {
  addDays,
  helsinkiDay,
  helsinkiInstant,
  isoWeekday,
  mondayOnOrAfter,
} from './helsinki-time';

describe('helsinkiInstant', () => {
  it('is two hours ahead of UTC in winter and three in summer', () => {
    expect(helsinkiInstant('2025-01-15', 9).toISOString()).toBe('2025-01-15T07:00:00.000Z');
    expect(helsinkiInstant('2025-07-15', 9).toISOString()).toBe('2025-07-15T06:00:00.000Z');
  });

  it('keeps 9.00 local on both sides of the spring and autumn changes', () => {
    expect(helsinkiInstant('2025-03-28', 9).toISOString()).toBe('2025-03-28T07:00:00.000Z');
    expect(helsinkiInstant('2025-03-31', 9).toISOString()).toBe('2025-03-31T06:00:00.000Z');
    expect(helsinkiInstant('2025-10-24', 13).toISOString()).toBe('2025-10-24T10:00:00.000Z');
    expect(helsinkiInstant('2025-10-27', 13).toISOString()).toBe('2025-10-27T11:00:00.000Z');
  });

  it('gives the Helsinki calendar day even when UTC is still on the day before', () => {
    expect(helsinkiDay(new Date('2025-06-01T22:30:00Z'))).toBe('2025-06-02');
  });
});

describe('calendar days', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('finds the next Monday', () => {
    expect(isoWeekday('2025-11-23')).toBe(7);
    expect(mondayOnOrAfter('2025-11-23')).toBe('2025-11-24');
    expect(mondayOnOrAfter('2025-11-24')).toBe('2025-11-24');
  });

  it('knows the Finnish holidays that fall on weekdays', () => {
    expect(isFinnishHoliday('2025-04-18')).toBe(true); // Good Friday
    expect(isFinnishHoliday('2025-04-21')).toBe(true); // Easter Monday
    expect(isFinnishHoliday('2025-05-29')).toBe(true); // Ascension Day
    expect(isFinnishHoliday('2025-06-20')).toBe(true); // Midsummer Eve
    expect(isFinnishHoliday('2025-12-24')).toBe(true);
    expect(isWorkingDay('2025-04-22')).toBe(true);
    expect(isWorkingDay('2025-11-22')).toBe(false); // a Saturday
  });
});
