import { fromHelsinki, helsinkiIso, toHelsinki } from './helsinki-time';
import { expandWeekly, patternOf } from './weekly-pattern';

describe('expandWeekly', () => {
  const local = (instants: Date[]) => instants.map((instant) => toHelsinki(instant));

  it.each(['09:00', '14:00'])(
    'keeps a %s session at the same local time across the spring change of 2026-03-29',
    (time) => {
      const first = fromHelsinki('2026-03-24', time);
      const end = new Date(first.getTime() + 3 * 3600_000);
      const sessions = expandWeekly(patternOf(first, end, '2026-04-07'));
      expect(local(sessions.map((s) => s.startsAt))).toEqual([
        { day: '2026-03-24', time: `${time}:00` },
        { day: '2026-03-31', time: `${time}:00` },
        { day: '2026-04-07', time: `${time}:00` },
      ]);
      // +02:00 before the change, +03:00 after it.
      expect(sessions[0].startsAt.toISOString().slice(11, 16)).not.toEqual(
        sessions[1].startsAt.toISOString().slice(11, 16),
      );
      expect(
        sessions.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 3 * 3600_000),
      ).toBe(true);
    },
  );

  it.each(['09:00', '14:00'])(
    'keeps a %s session at the same local time across the autumn change of 2026-10-25',
    (time) => {
      const first = fromHelsinki('2026-10-20', time);
      const end = new Date(first.getTime() + 2 * 3600_000);
      const sessions = expandWeekly(patternOf(first, end, '2026-10-27'));
      expect(local(sessions.map((s) => s.startsAt))).toEqual([
        { day: '2026-10-20', time: `${time}:00` },
        { day: '2026-10-27', time: `${time}:00` },
      ]);
      expect(sessions[1].startsAt.getTime() - sessions[0].startsAt.getTime()).toBe(
        (7 * 24 + 1) * 3600_000,
      );
    },
  );

  it('converts Helsinki wall-clock time to the right UTC instants in summer and winter', () => {
    expect(fromHelsinki('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(fromHelsinki('2026-07-15', '14:00').toISOString()).toBe('2026-07-15T11:00:00.000Z');
  });
});

describe('helsinkiIso', () => {
  it('writes an instant with the offset Helsinki had then', () => {
    expect(helsinkiIso(new Date('2026-03-31T06:00:00Z'))).toBe('2026-03-31T09:00:00+03:00');
    expect(helsinkiIso(new Date('2026-03-24T07:00:00Z'))).toBe('2026-03-24T09:00:00+02:00');
  });
});

describe('toHelsinki', () => {
  it('agrees with Intl for every hour around both changes of 2026', () => {
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Helsinki',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    for (const around of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
      for (let minutes = -180; minutes <= 180; minutes += 15) {
        const instant = new Date(Date.parse(around) + minutes * 60_000);
        const local = toHelsinki(instant);
        expect(`${local.day} ${local.time}`).toBe(format.format(instant));
      }
    }
  });
});
