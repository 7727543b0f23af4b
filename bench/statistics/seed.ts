import type { DataSource } from 'typeorm';

/**
 * Two years of history for 100,000 clients, written by SQL in a few set-based statements:
 * every client tested once (5 % no-show, 5 % cancelled), ~90,000 results, one queue entry
 * per result (placed after 10–210 days, 4 % removed, the recent ones still waiting), a seat
 * and its reports for each placement, courses of every pace each month from six providers,
 * and a daily snapshot of every queue. Deterministic: figures are derived from row numbers.
 */
export const CLIENTS = process.env.QUICK === '1' ? 10_000 : 100_000;
export const DAYS = 730;

const STATEMENTS = [
  `INSERT INTO organisations (kind, name) SELECT 'region', 'Region ' || n FROM generate_series(1, 3) n`,
  `INSERT INTO organisations (kind, name, region_id)
   SELECT 'employment-office', 'Office ' || n,
          (SELECT id FROM organisations WHERE name = 'Region ' || (1 + n % 3))
     FROM generate_series(1, 12) n`,
  `INSERT INTO organisations (kind, name) SELECT 'test-centre', 'Centre ' || n FROM generate_series(1, 4) n`,
  `INSERT INTO organisations (kind, name) SELECT 'course-provider', 'Provider ' || n FROM generate_series(1, 6) n`,
  `INSERT INTO users (username, password_hash, display_name, role)
   VALUES ('bench-seeder', 'x', 'Bench seeder', 'admin')`,
  `CREATE TEMP TABLE bench_offices AS
     SELECT row_number() OVER (ORDER BY name) - 1 AS i, id, region_id FROM organisations WHERE kind = 'employment-office'`,
  `CREATE TEMP TABLE bench_orgs AS
     SELECT kind, row_number() OVER (PARTITION BY kind ORDER BY name) - 1 AS i, id, region_id FROM organisations`,
  `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language, letter_language,
                        target_language, created_by)
   SELECT o.id, 'Client', 'No ' || n, DATE '1980-01-01' + (n % 9000), 'ar', 'ar', 'fi',
          (SELECT id FROM users WHERE username = 'bench-seeder')
     FROM generate_series(1, ${CLIENTS}) n JOIN bench_offices o ON o.i = n % 12`,
  `CREATE TEMP TABLE bench_clients AS
     SELECT row_number() OVER (ORDER BY c.id) AS n, c.id, c.office_id, o.region_id
       FROM clients c JOIN bench_offices o ON o.id = c.office_id`,
  // 20 clients to a session, 5,000 sessions over the two years up to yesterday.
  `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at, location,
                              address, capacity, created_by)
   SELECT c.id, 'initial', 'fi',
          ((current_date - ${DAYS} + (s * ${DAYS - 1}) / ${CLIENTS / 20})::date + time '09:00') AT TIME ZONE 'Europe/Helsinki',
          ((current_date - ${DAYS} + (s * ${DAYS - 1}) / ${CLIENTS / 20})::date + time '12:00') AT TIME ZONE 'Europe/Helsinki',
          'Room ' || s, 'Testikatu 1', 20, (SELECT id FROM users WHERE username = 'bench-seeder')
     FROM generate_series(0, ${CLIENTS / 20 - 1}) s JOIN bench_orgs c ON c.kind = 'test-centre' AND c.i = s % 4`,
  `CREATE TEMP TABLE bench_sessions AS
     SELECT row_number() OVER (ORDER BY starts_at, id) - 1 AS s, id, starts_at, ends_at FROM test_sessions`,
  `INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status, booked_by)
   SELECT s.id, c.id, 'initial', s.starts_at, s.ends_at,
          CASE c.n % 20 WHEN 0 THEN 'no-show' WHEN 1 THEN 'cancelled' ELSE 'attended' END,
          (SELECT id FROM users WHERE username = 'bench-seeder')
     FROM bench_clients c JOIN bench_sessions s ON s.s = (c.n - 1) / 20`,
  `INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing, literacy,
                             start_level, pace, recommendation, entered_by, entered_at)
   SELECT b.id, b.client_id, lvl, lvl, lvl, lvl, 'literate-latin', lvl,
          (ARRAY['fast','fast','basic','basic','basic','basic','basic','slow','slow','literacy'])[1 + c.n % 10],
          'Integration training', b.booked_by, b.ends_at
     FROM test_bookings b JOIN bench_clients c ON c.id = b.client_id,
          LATERAL (SELECT (ARRAY['below-A1.1','A1.1','A1.2','A1.3','A2.1','A2.2','B1.1','B1.2'])[1 + ((c.n * 7) % 8)::int] AS lvl) l
    WHERE b.status = 'attended'`,
  `CREATE TEMP TABLE bench_entries AS
     SELECT c.n, r.client_id, c.office_id, c.region_id, r.pace, r.start_level, r.id AS result_id, r.entered_at,
            ((r.entered_at AT TIME ZONE 'Europe/Helsinki')::date + 3) AS since,
            (10 + (c.n * 37) % 200)::int AS wait
       FROM test_results r JOIN bench_clients c ON c.id = r.client_id`,
  `INSERT INTO waiting_list_entries (client_id, office_id, region_id, target_language, pace, start_level,
                                     waiting_since, result_at, result_id, status, ended_at, end_reason)
   SELECT client_id, office_id, region_id, 'fi', pace, start_level, since, entered_at, result_id,
          CASE WHEN n % 25 = 0 AND since + 30 < current_date THEN 'removed'
               WHEN since + wait < current_date THEN 'placed' ELSE 'waiting' END,
          CASE WHEN n % 25 = 0 AND since + 30 < current_date THEN (since + 30 + time '12:00') AT TIME ZONE 'Europe/Helsinki'
               WHEN since + wait < current_date THEN (since + wait + time '12:00') AT TIME ZONE 'Europe/Helsinki' END,
          CASE WHEN n % 25 = 0 AND since + 30 < current_date THEN 'moved away' END
     FROM bench_entries`,
  // Every provider runs a course of every pace each month, starting on the provider's day.
  `INSERT INTO courses (provider_id, region_id, name, target_language, pace, min_level, max_level,
                        starts_on, ends_on, schedule, location, address, seats, created_by)
   SELECT p.id, r.id, 'Course', 'fi', pace, 'below-A1.1', 'C2.2', d + p.i::int, d + p.i::int + 150,
          'Mon–Thu', 'Room', 'Katu 1', 1000, (SELECT id FROM users WHERE username = 'bench-seeder')
     FROM bench_orgs p
     JOIN bench_orgs r ON r.kind = 'region' AND r.i = p.i % 3
     CROSS JOIN unnest(ARRAY['fast','basic','slow','literacy']) AS pace
     CROSS JOIN generate_series(date_trunc('month', current_date - ${DAYS})::date,
                                date_trunc('month', current_date + 120)::date, interval '1 month') AS m(d0)
     CROSS JOIN LATERAL (SELECT d0::date AS d) dd
    WHERE p.kind = 'course-provider'`,
  `CREATE TEMP TABLE bench_placed AS
     SELECT e.n, e.client_id, e.pace, (w.ended_at AT TIME ZONE 'Europe/Helsinki')::date AS placed_on, w.ended_at
       FROM bench_entries e JOIN waiting_list_entries w ON w.result_id = e.result_id
      WHERE w.status = 'placed'`,
  // The seat: the provider's course of the client's pace starting next month.
  `INSERT INTO seats (course_id, client_id, status, booked_by, booked_at)
   SELECT co.id, pl.client_id,
          CASE WHEN co.starts_on > current_date THEN 'reserved'
               ELSE (ARRAY['no-show','cancelled','dropped-out','dropped-out','completed','completed',
                           'completed','completed','started','started'])[1 + pl.n % 10] END,
          (SELECT id FROM users WHERE username = 'bench-seeder'), pl.ended_at
     FROM bench_placed pl
     JOIN bench_orgs p ON p.kind = 'course-provider' AND p.i = pl.n % 6
     JOIN courses co ON co.provider_id = p.id AND co.pace = pl.pace
                    AND date_trunc('month', co.starts_on) = date_trunc('month', pl.placed_on) + interval '1 month'`,
  // As the queue service records it: the seat that placed the entry.
  `UPDATE waiting_list_entries w SET seat_id = s.id
     FROM seats s
    WHERE w.status = 'placed' AND s.client_id = w.client_id AND s.booked_at = w.ended_at
      AND s.status <> 'cancelled'`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, reported_by)
   SELECT s.id, 'start', c.starts_on, s.booked_by FROM seats s JOIN courses c ON c.id = s.course_id
    WHERE s.status IN ('started', 'completed', 'dropped-out')`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, dropout_reason, reported_by)
   SELECT s.id, 'dropout', least(c.starts_on + 30, current_date),
          (ARRAY['employment','other-training','health','family-reasons','moved-away','lack-of-attendance','level-mismatch','other'])[1 + abs(hashtext(s.id::text)) % 8],
          s.booked_by
     FROM seats s JOIN courses c ON c.id = s.course_id WHERE s.status = 'dropped-out'`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, levels, reported_by)
   SELECT s.id, 'completion', least(c.ends_on, current_date), '{"listening":"A2.2","speaking":"A2.1"}', s.booked_by
     FROM seats s JOIN courses c ON c.id = s.course_id WHERE s.status = 'completed'`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, outcome, reported_by)
   SELECT s.id, 'follow-up', least(c.ends_on, current_date),
          (ARRAY['employment','vocational-training','further-language-training','other-studies','work-trial','wage-subsidy','other'])[1 + abs(hashtext(s.id::text)) % 7],
          s.booked_by
     FROM seats s JOIN courses c ON c.id = s.course_id WHERE s.status = 'completed'`,
  `INSERT INTO queue_snapshots (day, target_language, pace, level, region_id, length, median_wait_days, p90_wait_days)
   SELECT d::date, 'fi', pace, level, r.id, 20 + abs(hashtext(d::text || pace || level || r.id::text)) % 200, 60, 150
     FROM generate_series(current_date - ${DAYS}, current_date - 1, interval '1 day') d
     CROSS JOIN unnest(ARRAY['fast','basic','slow','literacy']) pace
     CROSS JOIN unnest(ARRAY['below-A1.1','A1.1','A1.2','A1.3','A2.1','A2.2']) level
     CROSS JOIN bench_orgs r WHERE r.kind = 'region'`,
  `ANALYZE`,
];

export async function seedHistory(db: DataSource, log: (line: string) => void): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    for (const statement of STATEMENTS) {
      const started = Date.now();
      await runner.query(statement);
      log(`  ${statement.replace(/\s+/g, ' ').slice(0, 60)}… ${Date.now() - started} ms`);
    }
  } finally {
    await runner.release();
  }
}

export async function counts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query<Array<Record<string, string>>>(
    `SELECT (SELECT count(*) FROM clients) AS clients,
            (SELECT count(*) FROM test_bookings) AS "testBookings",
            (SELECT count(*) FROM test_results) AS results,
            (SELECT count(*) FROM waiting_list_entries) AS "queueEntries",
            (SELECT count(*) FROM courses) AS courses,
            (SELECT count(*) FROM seats) AS seats,
            (SELECT count(*) FROM seat_reports) AS "seatReports",
            (SELECT count(*) FROM queue_snapshots) AS "queueSnapshots"`,
  );
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
}
