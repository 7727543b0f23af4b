import { modelDataSourceOptions } from '@kotoportti/model';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { courseFigures } from '../../../booking/src/statistics/queries/courses.query';
import { queueSeries } from '../../../booking/src/statistics/queries/queues.query';
import { recommendations } from '../../../booking/src/statistics/queries/recommendations.query';
import { testFigures } from '../../../booking/src/statistics/queries/tests.query';
import { waitingTimes } from '../../../booking/src/statistics/queries/waiting-times.query';
import { helsinkiDay } from './helsinki-time';
import { seedDemo, type DemoSummary } from './seed-demo';

async function count(db: DataSource, sql: string): Promise<number> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM ${sql}`);
  return rows[0].n;
}

const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('the demo history', () => {
  let database: TestDatabase;
  let db: DataSource;
  let summary: DemoSummary;
  const today = helsinkiDay(new Date());
  const year = {
    from: daysBefore(today, 365),
    to: today,
    regionId: null,
    officeId: null,
    centreId: null,
    providerId: null,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(modelDataSourceOptions(database.url));
    await db.initialize();
    summary = await seedDemo(db, { history: true });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('holds a year of sessions, results, waits and seats, and no event to apply again', async () => {
    expect(summary.history?.pastSessions).toBeGreaterThan(150);
    expect(summary.history?.results).toBeGreaterThan(800);
    expect(summary.history?.seats).toBeGreaterThan(400);
    expect(await count(db, 'outbox_events')).toBe(0);
  });

  it('is what the services would have made: counters, placements and snapshots agree', async () => {
    expect(
      await count(
        db,
        `test_sessions t WHERE booked_count <>
           (SELECT count(*) FROM test_bookings b WHERE b.session_id = t.id AND b.status <> 'cancelled')`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `courses c WHERE seats_taken > seats OR seats_taken <> (SELECT count(*) FROM seats s
           WHERE s.course_id = c.id AND s.status IN ('reserved', 'started', 'completed'))`,
      ),
    ).toBe(0);
    // A placed entry ends on the day its seat was booked, after the wait began.
    expect(
      await count(
        db,
        `waiting_list_entries e LEFT JOIN seats s ON s.id = e.seat_id
          WHERE e.status = 'placed' AND (s.id IS NULL OR s.client_id <> e.client_id
             OR s.booked_at <> e.ended_at OR (s.booked_at AT TIME ZONE 'Europe/Helsinki')::date < e.waiting_since)`,
      ),
    ).toBe(0);
    // Every result queued its client from the test day, once.
    expect(
      await count(
        db,
        `test_results r JOIN test_bookings b ON b.id = r.booking_id
          WHERE NOT EXISTS (SELECT 1 FROM waiting_list_entries e WHERE e.result_id = r.id
                              AND e.waiting_since = (b.starts_at AT TIME ZONE 'Europe/Helsinki')::date)`,
      ),
    ).toBe(0);
    // Yesterday's snapshot counts exactly the entries waiting at the end of yesterday.
    const yesterday = daysBefore(today, 1);
    const [snapshot]: Array<{ n: number }> = await db.query(
      `SELECT coalesce(sum(length), 0)::int AS n FROM queue_snapshots WHERE day = $1`,
      [yesterday],
    );
    const [live]: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM waiting_list_entries
        WHERE waiting_since <= $1 AND (ended_at IS NULL OR (ended_at AT TIME ZONE 'Europe/Helsinki')::date > $1)`,
      [yesterday],
    );
    expect(snapshot.n).toBe(live.n);
    expect(snapshot.n).toBeGreaterThan(20);
  });

  it('gives every chart figures of five people or more', async () => {
    const months = await waitingTimes(db, year, { by: ['month'], targets: [30, 90], asOf: today });
    const settled = months.rows.filter((row) => String(row.month) < daysBefore(today, 150));
    expect(settled.length).toBeGreaterThan(5);
    for (const row of settled) {
      expect(row.placed).toBeGreaterThanOrEqual(5);
      expect(row.started).toBeGreaterThanOrEqual(5);
    }
    const mix = await recommendations(db, year, ['month']);
    expect(mix.rows.filter((row) => Number(row['pace.basic']) >= 5).length).toBeGreaterThan(10);
    const tests = await testFigures(db, year, ['month']);
    expect(tests.rows.filter((row) => Number(row.noShows) >= 5).length).toBeGreaterThan(6);
    const [courses] = (await courseFigures(db, year, [])).rows;
    expect(Number(courses.dropouts)).toBeGreaterThanOrEqual(20);
    expect(Number(courses.completions)).toBeGreaterThanOrEqual(50);
    expect(Number(courses['dropout.employment'])).toBeGreaterThanOrEqual(5);
    const series = await queueSeries(db, year, { by: [] });
    expect(series.rows.length).toBeGreaterThan(300);
  });
});
