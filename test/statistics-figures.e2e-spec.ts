import { BookingModule } from '../apps/booking/src/booking.module';
import {
  AS_OF,
  createWorld,
  seedCourseHistory,
  seedQueueHistory,
  seedTestHistory,
  type StatisticsWorld,
} from './support/statistics-world';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

/**
 * Every figure below is worked out by hand from the history in support/statistics-world.ts.
 * percentile_cont interpolates: the p-th percentile of n sorted values sits at position
 * p·(n−1) (0-based), e.g. the 90th of [10,20,30,40,60,100] at 4.5, halfway from 60 to 100.
 */
describe('statistics figures', () => {
  let t: TestApp;
  let w: StatisticsWorld;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    w = await createWorld(t);
    await seedQueueHistory(t, w);
    await seedTestHistory(t, w);
    await seedCourseHistory(t, w);
  });
  afterAll(() => t.close());

  async function get(path: string, token: string, query: Record<string, string>) {
    const response = await t.http.get(`/api/statistics/${path}`).query(query).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as {
      filters: Record<string, unknown>;
      tables: Record<
        string,
        { columns: Array<{ key: string }>; rows: Array<Record<string, unknown>> }
      >;
    };
  }

  describe('waiting times', () => {
    const range = { from: '2026-01-01', to: '2026-06-30', asOf: AS_OF, by: 'month' };

    it('gives per month the percentiles of placed clients and the censored waits apart', async () => {
      const body = await get('waiting-times', w.analyst.token, range);
      const rows = body.tables['waiting-times'].rows;
      expect(rows.map((row) => row.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-06']);
      expect(rows[0]).toEqual({
        month: '2026-01',
        entered: 12,
        placed: 6,
        removed: '<5',
        // 5 people, hidden so that removed (1) cannot be worked out as 12 − 6 − 5.
        stillWaiting: '<5',
        medianDaysToSeat: 35,
        p90DaysToSeat: 80,
        // 5 started and 1 awaiting start: started hidden so that 6 − 5 does not give the 1.
        started: '<5',
        awaitingStart: '<5',
        medianDaysToStart: 50,
        p90DaysToStart: 72,
        // Censored: the five still waiting on Jun 30 have waited 176, 171, 166, 161, 156 days.
        medianDaysWaitingSoFar: 166,
        p90DaysWaitingSoFar: 174,
        // The removed client (after 15 days) has no 30-day outcome; the other 11 have one.
        decided30: 11,
        placedWithin30: '<5',
        pctPlacedWithin30: '<5',
        decided90: 11,
        // 5 people, hidden: placed (6) minus it would show the one placed after 100 days.
        placedWithin90: '<5',
        pctPlacedWithin90: '<5',
      });
      expect(rows[1]).toEqual({
        month: '2026-02',
        entered: 10,
        placed: 10,
        removed: 0,
        stillWaiting: 0,
        medianDaysToSeat: 35,
        p90DaysToSeat: 71,
        started: 0,
        awaitingStart: 10,
        medianDaysToStart: null,
        p90DaysToStart: null,
        medianDaysWaitingSoFar: null,
        p90DaysWaitingSoFar: null,
        decided30: 10,
        placedWithin30: 5,
        pctPlacedWithin30: 50,
        decided90: 10,
        placedWithin90: 10,
        pctPlacedWithin90: 100,
      });
      expect(rows[2]).toMatchObject({
        month: '2026-03',
        entered: 5,
        placed: 5,
        medianDaysToSeat: 10,
        p90DaysToSeat: 10,
        placedWithin30: 5,
        pctPlacedWithin30: 100,
      });
      // The Jun 20 client was placed only on Jul 5: still waiting on the as-of day.
      expect(rows[3]).toMatchObject({
        month: '2026-06',
        entered: '<5',
        placed: 0,
        stillWaiting: '<5',
        medianDaysWaitingSoFar: '<5',
        decided30: 0,
        pctPlacedWithin30: null,
      });
    });

    it('takes the placement targets from the query', async () => {
      const body = await get('waiting-times', w.analyst.token, { ...range, targets: '25' });
      const february = body.tables['waiting-times'].rows[1];
      expect(february).toMatchObject({ decided25: 10, placedWithin25: 5, pctPlacedWithin25: 50 });
      expect(february).not.toHaveProperty('placedWithin30');
    });

    it('hides a count whose difference from a published total is 1–4 people', async () => {
      // February: 6 of the 10 placed within 45 days; 10 − 6 would show the 4 placed later.
      const body = await get('waiting-times', w.analyst.token, { ...range, targets: '45' });
      expect(body.tables['waiting-times'].rows[1]).toMatchObject({
        placed: 10,
        decided45: 10,
        placedWithin45: '<5',
        pctPlacedWithin45: '<5',
      });
    });

    it('publishes 5 people and hides 4 (March, office B, as one total row)', async () => {
      const five = await get('waiting-times', w.analyst.token, {
        ...range,
        region: w.regionB,
        by: '',
        to: '2026-03-31',
      });
      expect(five.tables['waiting-times'].rows).toEqual([
        expect.objectContaining({ entered: 5, placed: 5, medianDaysToSeat: 10 }),
      ]);
      await t.db.query(
        `DELETE FROM waiting_list_entries WHERE id = (SELECT id FROM waiting_list_entries
          WHERE region_id = $1 AND waiting_since = '2026-03-02' LIMIT 1)`,
        [w.regionB],
      );
      const four = await get('waiting-times', w.analyst.token, {
        ...range,
        region: w.regionB,
        by: '',
        to: '2026-03-31',
      });
      expect(four.tables['waiting-times'].rows).toEqual([
        expect.objectContaining({ entered: '<5', placed: '<5', medianDaysToSeat: '<5' }),
      ]);
    });

    it('gives an official only the own office', async () => {
      const body = await get('waiting-times', w.officialA.token, range);
      expect(body.filters.office).toBe(w.officeA);
      const rows = body.tables['waiting-times'].rows;
      expect(rows.map((row) => [row.month, row.entered])).toEqual([
        ['2026-01', 12],
        ['2026-02', 10],
        ['2026-06', '<5'],
      ]);
    });
  });

  describe('queues', () => {
    it('counts who waited at the end of the last day, by language, pace, level and region', async () => {
      const body = await get('queues', w.analyst.token, { from: '2026-06-28', to: AS_OF });
      expect(body.tables['queues-now'].rows).toEqual([
        {
          targetLanguage: 'fi',
          pace: 'fast',
          level: 'B1.1',
          region: 'Pirkanmaa',
          regionId: w.regionB,
          length: '<5',
          medianWaitDays: '<5',
          p90WaitDays: '<5',
        },
        {
          targetLanguage: 'fi',
          pace: 'basic',
          level: 'A1.1',
          region: 'Uusimaa',
          regionId: w.regionA,
          // Five since January and the one placed only on Jul 5: 176 171 166 161 156 10 days.
          length: 6,
          medianWaitDays: 163.5,
          p90WaitDays: 173.5,
        },
      ]);
    });

    it('draws the daily series from the snapshots', async () => {
      const body = await get('queues', w.analyst.token, {
        from: '2026-06-28',
        to: AS_OF,
        seriesBy: 'pace',
      });
      expect(body.tables['queues-series'].rows).toEqual([
        { day: '2026-06-28', pace: 'fast', length: '<5' },
        { day: '2026-06-28', pace: 'basic', length: 6 },
        { day: '2026-06-28', pace: 'slow', length: '<5' },
        { day: '2026-06-29', pace: 'fast', length: '<5' },
        { day: '2026-06-29', pace: 'basic', length: 6 },
        { day: '2026-06-29', pace: 'slow', length: '<5' },
        { day: '2026-06-30', pace: 'fast', length: '<5' },
        { day: '2026-06-30', pace: 'basic', length: 6 },
        { day: '2026-06-30', pace: 'slow', length: 0 },
      ]);
    });

    it('shows an official the own region’s queues', async () => {
      const body = await get('queues', w.officialA.token, {
        from: '2026-06-30',
        to: AS_OF,
        by: 'region',
        seriesBy: 'region',
      });
      expect(body.filters.region).toBe(w.regionA);
      expect(body.tables['queues-now'].rows).toEqual([
        expect.objectContaining({ regionId: w.regionA, length: 6 }),
      ]);
      expect(body.tables['queues-series'].rows).toEqual([
        { day: '2026-06-30', region: 'Uusimaa', regionId: w.regionA, length: 6 },
      ]);
    });
  });

  describe('recommendations', () => {
    const range = { from: '2026-03-01', to: '2026-04-30' };

    it('counts paces and start levels per month and centre, hiding 4 and showing 5', async () => {
      const body = await get('recommendations', w.analyst.token, range);
      const [march, april] = body.tables.recommendations.rows;
      expect(march).toMatchObject({
        month: '2026-03',
        centre: 'Pasila',
        centreId: w.centreA,
        results: 11,
        'pace.fast': '<5',
        'pace.basic': 5,
        'pace.slow': '<5',
        'pace.literacy': 0,
        'start_level.A1.1': 5,
        'start_level.A1.2': 6,
        'start_level.B1.1': 0,
      });
      expect(april).toMatchObject({
        month: '2026-04',
        centre: 'Hervanta',
        results: 15,
        'pace.basic': 15,
        'start_level.A2.1': 15,
      });
    });

    it('gives an official the own office’s clients only', async () => {
      const body = await get('recommendations', w.officialA.token, { ...range, by: 'month' });
      expect(body.tables.recommendations.rows[0]).toMatchObject({
        month: '2026-03',
        results: 9,
        'pace.fast': '<5',
        'pace.basic': '<5',
        'pace.slow': '<5',
        // 5, hidden: 9 − 5 would give the four at A1.2.
        'start_level.A1.1': '<5',
        'start_level.A1.2': '<5',
      });
    });
  });

  describe('tests', () => {
    it('counts sessions, places, bookings, attendance and the no-show rate per centre and month', async () => {
      const body = await get('tests', w.analyst.token, { from: '2026-03-01', to: '2026-04-30' });
      expect(body.tables.tests.rows).toEqual([
        {
          month: '2026-03',
          centre: 'Pasila',
          centreId: w.centreA,
          sessions: 2,
          sessionsCancelled: 1,
          placesOffered: 18,
          booked: 15,
          // 11, hidden: 15 − 11 would give the four no-shows.
          attended: '<5',
          noShows: '<5',
          unmarked: 0,
          noShowRate: '<5',
          cancelledBookings: '<5',
        },
        {
          month: '2026-04',
          centre: 'Hervanta',
          centreId: w.centreB,
          sessions: 1,
          sessionsCancelled: 0,
          placesOffered: 20,
          booked: 20,
          attended: 15,
          noShows: 5,
          unmarked: 0,
          noShowRate: 25,
          cancelledBookings: 0,
        },
      ]);
    });
  });

  describe('courses', () => {
    it('counts seats, starts, dropouts by reason, completions, levels and follow-ups per provider, pace and month', async () => {
      const body = await get('courses', w.analyst.token, { from: '2026-01-01', to: '2026-06-30' });
      const rows = body.tables.courses.rows;
      expect(rows.map((row) => [row.month, row.provider, row.pace])).toEqual([
        // Paces in the order of the code list: fast, basic, slow, literacy.
        ['2026-02', '=Kielipolku, "Oy"', 'fast'],
        ['2026-02', '=Kielipolku, "Oy"', 'basic'],
        ['2026-03', 'Opisto', 'basic'],
      ]);
      expect(rows[1]).toMatchObject({
        seatsOffered: 20,
        seatsTaken: 16,
        fillRate: 80,
        reserved: 0,
        noShows: '<5',
        starts: 16,
        studying: 6,
        dropouts: 5,
        completions: 5,
        followUps: 5,
        'dropout.employment': 5,
        'dropout.health': 0,
        'levelReached.A2.1': 5,
        'levelReached.A2.2': 0,
        'followUp.employment': '<5',
        'followUp.vocational-training': '<5',
      });
      expect(rows[0]).toMatchObject({
        seatsOffered: 10,
        seatsTaken: '<5',
        fillRate: '<5',
        starts: '<5',
        studying: '<5',
        dropouts: 0,
      });
      expect(rows[2]).toMatchObject({ seatsOffered: 12, seatsTaken: 0, fillRate: 0, starts: 0 });
    });

    it('leaves the fill rate empty for an office, whose clients fill only part of the seats', async () => {
      const body = await get('courses', w.officialA.token, {
        from: '2026-01-01',
        to: '2026-06-30',
        by: 'pace',
      });
      expect(body.tables.courses.rows).toEqual([
        expect.objectContaining({
          pace: 'fast',
          seatsOffered: 10,
          seatsTaken: '<5',
          fillRate: null,
        }),
        expect.objectContaining({
          pace: 'basic',
          seatsOffered: 32,
          seatsTaken: 16,
          fillRate: null,
        }),
      ]);
    });
  });
});
