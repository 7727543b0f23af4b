import { isFinnishHoliday, isWorkingDay } from '@kotoportti/platform';
import { holdUntil } from './working-days';

describe('working days for seat offers', () => {
  it('holds an offer made on a Monday until the end of Thursday', () => {
    expect(holdUntil('2026-11-23', 3)).toBe('2026-11-26');
  });

  it('skips the weekend: an offer made on a Friday is held until Wednesday', () => {
    expect(holdUntil('2026-11-27', 3)).toBe('2026-12-02');
  });

  it('skips Independence Day and the Christmas holidays', () => {
    expect(holdUntil('2026-12-04', 1)).toBe('2026-12-07');
    expect(holdUntil('2026-12-23', 2)).toBe('2026-12-29');
  });

  it('knows the moving holidays of 2027: Good Friday, Easter Monday, Ascension, Midsummer Eve', () => {
    for (const day of ['2027-03-26', '2027-03-29', '2027-05-06', '2027-06-25']) {
      expect(isFinnishHoliday(day)).toBe(true);
    }
    expect(isWorkingDay('2027-03-30')).toBe(true);
    expect(isWorkingDay('2027-06-24')).toBe(true);
  });
});
