import { BookingModule } from '../apps/booking/src/booking.module';
import { RetentionTimer } from '../apps/booking/src/privacy/retention-timer';
import { RetentionService } from '../apps/booking/src/privacy/retention.service';
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

const RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;

/** Two years from now: everything the history holds is then older than the retention period. */
const LATER = () => new Date(Date.now() + 2 * RETENTION_DAYS * DAY_MS);

/** What the statistics count, table by table and status by status. */
const COUNTS = `
  SELECT 'test_bookings' AS t, status AS k, count(*)::int AS n FROM test_bookings GROUP BY status
  UNION ALL SELECT 'test_results', pace || '/' || start_level, count(*)::int FROM test_results GROUP BY 2
  UNION ALL SELECT 'seats', status, count(*)::int FROM seats GROUP BY status
  UNION ALL SELECT 'seat_reports', kind || '/' || coalesce(dropout_reason, outcome, ''), count(*)::int
              FROM seat_reports GROUP BY 2
  UNION ALL SELECT 'waiting_list_entries', status || '/' || pace || '/' || start_level, count(*)::int
              FROM waiting_list_entries GROUP BY 2
  UNION ALL SELECT 'clients', office_id::text || '/' || native_language, count(*)::int FROM clients GROUP BY 2
  ORDER BY 1, 2`;

describe('retention: pseudonymising clients after the retention period', () => {
  let t: TestApp;
  let w: StatisticsWorld;
  let retention: RetentionService;
  let waitingClient: string;
  let placedClient: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule], { RETENTION_DAYS: String(RETENTION_DAYS) });
    w = await createWorld(t);
    await seedQueueHistory(t, w);
    await seedTestHistory(t, w);
    await seedCourseHistory(t, w);
    retention = t.app.get(RetentionService);

    [{ client_id: waitingClient }] = await t.db.query(
      `SELECT client_id FROM waiting_list_entries WHERE status = 'waiting' LIMIT 1`,
    );
    [{ client_id: placedClient }] = await t.db.query(
      `SELECT e.client_id FROM waiting_list_entries e JOIN seats s ON s.client_id = e.client_id
        WHERE e.status = 'placed' LIMIT 1`,
    );
    // Personal data worth removing on the placed client: identity code, contacts, texts, a letter.
    await t.db.query(
      `UPDATE clients SET personal_identity_code = '131052-308T', phone = '+358 40 123 4567',
         email = 'placed@example.fi', street_address = 'Kotikatu 1', postal_code = '00100',
         city = 'Helsinki', birth_date = '1952-10-13'
       WHERE id = $1`,
      [placedClient],
    );
    await t.db.query(
      `UPDATE seats SET level_override_reason = 'Knows the teacher, Ms Virtanen' WHERE client_id = $1`,
      [placedClient],
    );
    await t.db.query(
      `INSERT INTO letters (kind, client_id, seat_id, language, office_language, template_version,
         pdf, sha256, size_bytes, created_by, created_at)
       SELECT 'course-place', $1, s.id, 'ar', 'fi', 'v1', '\\x255044462d312e37', repeat('b', 64), 8,
              $2, '2026-02-01'
         FROM seats s WHERE s.client_id = $1 LIMIT 1`,
      [placedClient, w.officialA.userId],
    );
  });
  afterAll(() => t.close());

  async function statistics(): Promise<Record<string, unknown>> {
    const range = { from: '2026-01-01', to: '2026-06-30' };
    const queries: Record<string, Record<string, string>> = {
      queues: { from: '2026-06-28', to: AS_OF },
      'waiting-times': { ...range, asOf: AS_OF, by: 'month' },
      recommendations: range,
      tests: range,
      courses: range,
    };
    const figures: Record<string, unknown> = {};
    for (const [path, query] of Object.entries(queries)) {
      for (const user of [w.analyst, w.officialA]) {
        const response = await t.http
          .get(`/api/statistics/${path}`)
          .query(query)
          .set(bearer(user.token));
        expect(response.status).toBe(200);
        figures[`${path} as ${user.userId}`] = response.body;
      }
    }
    return figures;
  }

  it('does nothing to clients active within the retention period', async () => {
    expect(await retention.pseudonymiseExpired()).toBe(0);
    const [row]: Array<{ n: number }> = await t.db.query(
      `SELECT count(*)::int AS n FROM clients WHERE pseudonymised_at IS NOT NULL`,
    );
    expect(row.n).toBe(0);
  });

  it('pseudonymises inactive clients and leaves every statistic exactly as it was', async () => {
    const figuresBefore = await statistics();
    const countsBefore: unknown[] = await t.db.query(COUNTS);
    const [{ n: clientsBefore }]: Array<{ n: number }> = await t.db.query(
      `SELECT count(*)::int AS n FROM clients`,
    );

    const done = await retention.pseudonymiseExpired(LATER());
    const [{ n: waiting }]: Array<{ n: number }> = await t.db.query(
      `SELECT count(DISTINCT client_id)::int AS n FROM waiting_list_entries WHERE status = 'waiting'`,
    );
    expect(done).toBe(clientsBefore - waiting);
    expect(done).toBeGreaterThan(20);

    expect(await t.db.query(COUNTS)).toEqual(countsBefore);
    expect(await statistics()).toEqual(figuresBefore);
  });

  it('removes names, identity code, contacts, free texts and the letter PDF', async () => {
    const [client] = await t.db.query(`SELECT * FROM clients WHERE id = $1`, [placedClient]);
    expect(client).toMatchObject({
      first_name: 'Pseudonymised',
      last_name: 'client',
      personal_identity_code: null,
      phone: null,
      email: null,
      street_address: null,
      postal_code: null,
      city: null,
      birth_date: '1952-01-01',
      native_language: 'ar',
    });
    expect(client.pseudonymised_at).toBeInstanceOf(Date);
    const [seat] = await t.db.query(`SELECT * FROM seats WHERE client_id = $1`, [placedClient]);
    expect(seat.level_override_reason).toBeNull();
    const [letter] = await t.db.query(
      `SELECT kind, language, size_bytes, length(pdf) AS pdf_length FROM letters WHERE client_id = $1`,
      [placedClient],
    );
    expect(letter).toEqual({ kind: 'course-place', language: 'ar', size_bytes: 0, pdf_length: 0 });
    const [audit] = await t.db.query(
      `SELECT actor_user_id, action, details FROM audit_events
        WHERE client_id = $1 AND action = 'client.pseudonymise'`,
      [placedClient],
    );
    expect(audit).toMatchObject({
      actor_user_id: null,
      details: { retentionDays: RETENTION_DAYS },
    });
  });

  it('keeps clients who are still waiting in a queue, whatever their age', async () => {
    const [client] = await t.db.query(
      `SELECT first_name, pseudonymised_at FROM clients WHERE id = $1`,
      [waitingClient],
    );
    expect(client.first_name).toBe('Client');
    expect(client.pseudonymised_at).toBeNull();
  });

  it('pseudonymises each client once, even with two sweeps at the same time', async () => {
    const [{ id: officeId }]: Array<{ id: string }> = await t.db.query(
      `SELECT office_id AS id FROM clients LIMIT 1`,
    );
    await t.db.query(
      `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
         letter_language, target_language, created_by)
       SELECT $1, 'Fresh', 'No ' || n, '1980-05-05', 'so', 'so', 'fi', $2
         FROM generate_series(1, 30) AS n`,
      [officeId, w.officialA.userId],
    );
    const results = await Promise.all([
      retention.pseudonymiseExpired(LATER()),
      retention.pseudonymiseExpired(LATER()),
    ]);
    expect(results.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(30);
    const [{ n }]: Array<{ n: number }> = await t.db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT client_id FROM audit_events WHERE action = 'client.pseudonymise'
          GROUP BY client_id HAVING count(*) > 1) twice`,
    );
    expect(n).toBe(0);
    expect(await retention.pseudonymiseExpired(LATER())).toBe(0);
  });

  it('runs the sweep from its timer, first after start-up and then again', async () => {
    const [{ id: officeId }]: Array<{ id: string }> = await t.db.query(
      `SELECT office_id AS id FROM clients LIMIT 1`,
    );
    const insertOld = async () => {
      const [{ id }]: Array<{ id: string }> = await t.db.query(
        `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
           letter_language, target_language, created_by, created_at, updated_at)
         VALUES ($1, 'Old', 'Timer', '1970-01-01', 'fa', 'fa', 'fi', $2,
                 now() - interval '2 years', now() - interval '2 years')
         RETURNING id`,
        [officeId, w.officialA.userId],
      );
      return id;
    };
    const isDone = async (id: string) => {
      const [row]: Array<{ pseudonymised_at: Date | null }> = await t.db.query(
        `SELECT pseudonymised_at FROM clients WHERE id = $1`,
        [id],
      );
      return row.pseudonymised_at !== null;
    };
    const waitFor = async (id: string) => {
      for (let i = 0; i < 100 && !(await isDone(id)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return isDone(id);
    };
    const timer = new RetentionTimer(retention, { firstRunMs: 10, everyMs: 200 });
    const first = await insertOld();
    expect(await isDone(first)).toBe(false);
    timer.onApplicationBootstrap();
    try {
      expect(await waitFor(first)).toBe(true);
      const second = await insertOld();
      expect(await waitFor(second)).toBe(true);
    } finally {
      await timer.onApplicationShutdown();
    }
    const third = await insertOld();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await isDone(third)).toBe(false);
  });
});
