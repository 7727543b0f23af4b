import { LetterDates } from './letter-dates';
import type { LanguageMeta } from './translations';

const meta = (intlLocale: string, numberingSystem = 'latn', extra: Partial<LanguageMeta> = {}) =>
  ({ code: intlLocale, intlLocale, numberingSystem, direction: 'ltr', ...extra }) as LanguageMeta;

const WINTER = new Date('2025-12-16T08:00:00Z'); // 10.00 in Helsinki (UTC+2)
const SUMMER = new Date('2026-06-16T07:00:00Z'); // 10.00 in Helsinki (UTC+3)

describe('letter dates', () => {
  it('writes weekday, day, month name and year, and Helsinki 24-hour time', () => {
    const fi = new LetterDates(meta('fi'));
    expect(fi.date(WINTER)).toBe('tiistaina 16. joulukuuta 2025');
    expect(fi.time(WINTER)).toBe('10.00');
    expect(fi.time(SUMMER)).toBe('10.00');
    expect(new LetterDates(meta('en-GB')).time(new Date('2025-12-16T13:05:00Z'))).toBe('15:05');
  });

  it('uses the Gregorian calendar where Intl would not (Persian, Dari, Thai)', () => {
    expect(new LetterDates(meta('fa', 'arabext')).date(WINTER)).toBe('سه‌شنبه ۱۶ دسامبر ۲۰۲۵');
    expect(new LetterDates(meta('fa-AF', 'arabext')).date(WINTER)).toBe('سه‌شنبه ۱۶ دسمبر ۲۰۲۵');
    expect(new LetterDates(meta('th')).date(WINTER)).toBe('วันอังคารที่ 16 ธันวาคม 2025');
  });

  it('writes the digits people read: Arabic-Indic for Arabic, Persian digits for Persian', () => {
    expect(new LetterDates(meta('ar', 'arab')).date(WINTER)).toBe('الثلاثاء، ١٦ ديسمبر ٢٠٢٥');
    expect(new LetterDates(meta('ar', 'arab')).time(WINTER)).toBe('١٠:٠٠');
    expect(new LetterDates(meta('fa', 'arabext')).time(WINTER)).toBe('۱۰:۰۰');
  });

  it('prints a calendar day without shifting it by a time zone', () => {
    expect(new LetterDates(meta('fi')).day('2026-01-12')).toBe('maanantaina 12. tammikuuta 2026');
    expect(new LetterDates(meta('en-GB')).day('2025-12-31')).toBe('Wednesday, 31 December 2025');
  });

  it('follows a translation’s own date order and unit names where ICU has none', () => {
    const ckb = new LetterDates(
      meta('ckb', 'arab', {
        datePattern: '{weekday}، {day}ی {month}ی {year}',
        units: { hour: '{n} کاتژمێر', minute: '{n} خولەک' },
      }),
    );
    expect(ckb.date(WINTER)).toBe('سێشەممە، ١٦ی کانونی یەکەمی ٢٠٢٥');
    expect(ckb.duration(180)).toBe('٣ کاتژمێر');
    expect(ckb.duration(150)).toBe('١٥٠ خولەک');
  });

  it('gives whole hours in hours and anything else in minutes', () => {
    const fi = new LetterDates(meta('fi'));
    expect(fi.duration(180)).toBe('3 tuntia');
    expect(fi.duration(90)).toBe('90 minuuttia');
  });
});
