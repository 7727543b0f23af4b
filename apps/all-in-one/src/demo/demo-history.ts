import type { EntityManager } from 'typeorm';

/**
 * A year of past activity for the demo, so that the statistics pages have something to show:
 * clients tested at both centres, results, their waits in the queues, seats on past courses,
 * starts, dropouts, completions, follow-up plans and the daily queue snapshots.
 *
 * Written straight into the tables, because the services refuse past dates, as they should.
 * The rows are what the services would have made: the queue entry waits from the test day
 * (as the queue service's result handler sets it), ends on the day its seat was booked and
 * remembers that seat; counters (places booked, seats taken) match the rows; snapshots are
 * the queue service's figures for each past day. No outbox event is written, so nothing is
 * applied twice. Choices are a hash of the client's number: the same demo on every machine.
 *
 * $1 is today (a Helsinki calendar day).
 */
const STATEMENTS: readonly string[] = [
  // Who does what: the first official of each office, the tester of each centre.
  `CREATE TEMP TABLE demo_staff ON COMMIT DROP AS
     SELECT DISTINCT ON (u.organisation_id, u.role) u.organisation_id, u.role, u.id
       FROM users u WHERE u.role IN ('official', 'tester', 'provider') AND u.organisation_id IS NOT NULL
      ORDER BY u.organisation_id, u.role, u.username`,
  `CREATE TEMP TABLE demo_offices ON COMMIT DROP AS
     SELECT row_number() OVER (ORDER BY o.name) - 1 AS i, o.id, o.region_id,
            'fi' AS lang, s.id AS official
       FROM organisations o JOIN demo_staff s ON s.organisation_id = o.id AND s.role = 'official'
      WHERE o.kind = 'employment-office'`,
  // Past sessions: every Tuesday and Thursday of the last year, 9–12, at each centre.
  `CREATE TEMP TABLE demo_past_sessions ON COMMIT DROP AS
     SELECT row_number() OVER (ORDER BY d, c.name) - 1 AS i, c.id AS centre_id, c.region_id,
            s.id AS tester, d::date AS day,
            (d::date + time '09:00') AT TIME ZONE 'Europe/Helsinki' AS starts_at,
            (d::date + time '12:00') AT TIME ZONE 'Europe/Helsinki' AS ends_at,
            abs(hashtext(d::text || c.name)) % 40 = 0 AS cancelled
       FROM generate_series($1::date - 365, $1::date - 7, interval '1 day') d
       JOIN organisations c ON c.kind = 'test-centre'
       JOIN demo_staff s ON s.organisation_id = c.id AND s.role = 'tester'
      WHERE extract(isodow FROM d) IN (2, 4)`,
  `INSERT INTO test_sessions (id, test_centre_id, kind, target_language, starts_at, ends_at,
                              location, address, capacity, status, cancel_reason, cancelled_at,
                              created_by, created_at)
   SELECT gen_random_uuid(), centre_id, 'initial', 'fi', starts_at, ends_at, 'Sali 1',
          'Testauskeskuksen osoite', 12,
          CASE WHEN cancelled THEN 'cancelled' ELSE 'scheduled' END,
          CASE WHEN cancelled THEN 'Testaaja sairastui' END,
          CASE WHEN cancelled THEN starts_at - interval '2 days' END,
          tester, starts_at - interval '30 days'
     FROM demo_past_sessions`,
  `CREATE TEMP TABLE demo_sessions ON COMMIT DROP AS
     SELECT row_number() OVER (ORDER BY t.starts_at, t.test_centre_id) - 1 AS i, t.id,
            t.test_centre_id, t.starts_at, t.ends_at, p.day, p.tester, o.region_id
       FROM test_sessions t
       JOIN demo_past_sessions p ON p.centre_id = t.test_centre_id AND p.starts_at = t.starts_at
       JOIN organisations o ON o.id = t.test_centre_id
      WHERE t.status = 'scheduled'`,
  // Clients of the past year, all learning Finnish: about six per session, each at a centre of its own region.
  `CREATE TEMP TABLE demo_past_clients ON COMMIT DROP AS
     SELECT n, o.id AS office_id, o.region_id, o.lang, o.official, s.id AS session_id,
            s.starts_at, s.ends_at, s.day, s.tester, abs(hashtext('c' || n)) % 100 AS r
       FROM generate_series(0, (SELECT count(*) * 6 FROM demo_sessions) - 1) n
       JOIN demo_offices o ON o.i = n % (SELECT count(*) FROM demo_offices)
       JOIN LATERAL (
         SELECT * FROM demo_sessions ds WHERE ds.region_id = o.region_id
          ORDER BY ds.i OFFSET (n / (SELECT count(*) FROM demo_offices))
                               % (SELECT count(*) FROM demo_sessions x WHERE x.region_id = o.region_id)
          LIMIT 1) s ON true`,
  `ALTER TABLE demo_past_clients ADD COLUMN client_id uuid`,
  `UPDATE demo_past_clients SET client_id = gen_random_uuid()`,
  `INSERT INTO clients (id, office_id, first_name, last_name, birth_date, native_language,
                       letter_language, target_language, created_by, created_at, updated_at)
   SELECT client_id, office_id,
          (ARRAY['Amina','Oleksandr','Hodan','Mohammed','Tatiana','Nguyen','Fatima','Ali',
                 'Maryam','Yusuf','Olena','Ahmed','Sara','Dawit','Lina','Reza'])[1 + n % 16],
          (ARRAY['Hassan','Kovalenko','Abdi','Rahimi','Ivanova','Tran','Yilmaz','Omar',
                 'Haile','Karimi','Shevchenko','Mohamud','Ahmadi','Bondarenko','Nur','Tesfaye'])[1 + (n / 16) % 16],
          date '1970-01-01' + (abs(hashtext('b' || n)) % 12000),
          (ARRAY['ar','uk','so','fa','ru','th','ar','ti','uk','so','fa','zh','ar','ru','et','uk'])[1 + (r % 16)],
          (ARRAY['ar','uk','so','fa','ru','th','ar','ti','uk','so','fa','zh','ar','ru','et','uk'])[1 + (r % 16)],
          lang, official, starts_at - interval '45 days', starts_at - interval '45 days'
     FROM demo_past_clients`,
  `INSERT INTO consents (client_id, given_at, method, recorded_by, recorded_at)
   SELECT client_id, starts_at - interval '45 days', 'written', official, starts_at - interval '45 days'
     FROM demo_past_clients`,
  // Attendance: one in twelve did not come, one in twenty-five cancelled.
  `ALTER TABLE demo_past_clients ADD COLUMN booking_status text`,
  `UPDATE demo_past_clients
      SET booking_status = CASE WHEN r % 25 = 3 THEN 'cancelled' WHEN r % 12 = 5 THEN 'no-show' ELSE 'attended' END`,
  `INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status, booked_by,
                             booked_at, cancelled_at, cancelled_by, cancel_reason,
                             attendance_marked_by, attendance_marked_at)
   SELECT session_id, client_id, 'initial', starts_at, ends_at, booking_status, official,
          starts_at - interval '21 days',
          CASE WHEN booking_status = 'cancelled' THEN starts_at - interval '3 days' END,
          CASE WHEN booking_status = 'cancelled' THEN official END,
          CASE WHEN booking_status = 'cancelled' THEN 'Asiakas perui' END,
          CASE WHEN booking_status <> 'cancelled' THEN tester END,
          CASE WHEN booking_status <> 'cancelled' THEN ends_at END
     FROM demo_past_clients`,
  `UPDATE test_sessions t SET booked_count = b.n
     FROM (SELECT session_id, count(*) AS n FROM test_bookings WHERE status <> 'cancelled'
            GROUP BY session_id) b
    WHERE b.session_id = t.id`,
  // Results: a level per skill around the client's level, the start level the lowest of them.
  `CREATE TEMP TABLE demo_results ON COMMIT DROP AS
     SELECT c.*, b.id AS booking_id,
            (CASE WHEN c.r < 10 THEN 'literacy' WHEN c.r < 32 THEN 'fast' WHEN c.r < 80 THEN 'basic' ELSE 'slow' END) AS pace,
            (CASE WHEN c.r < 10 THEN 0 WHEN c.r < 32 THEN 3 + c.r % 3 WHEN c.r < 80 THEN 1 + c.r % 3 ELSE c.r % 3 END) AS base
       FROM demo_past_clients c JOIN test_bookings b ON b.client_id = c.client_id
      WHERE c.booking_status = 'attended'`,
  `INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing, literacy,
                            start_level, pace, recommendation, entered_by, entered_at)
   SELECT booking_id, client_id, lv[1 + base + (n % 2)], lv[1 + base], lv[1 + base + ((n / 2) % 2)],
          lv[1 + base], CASE WHEN pace = 'literacy' THEN 'weak' ELSE 'literate-latin' END,
          lv[1 + base], pace,
          CASE pace WHEN 'literacy' THEN 'Lukutaitokoulutus ennen kotoutumiskoulutusta.'
                    WHEN 'fast' THEN 'Nopea polku; hyvät opiskeluvalmiudet.'
                    WHEN 'slow' THEN 'Hidas polku; tukea kirjoittamiseen.'
                    ELSE 'Peruspolku.' END,
          tester, ends_at + interval '2 hours'
     FROM demo_results,
          LATERAL (SELECT ARRAY['below-A1.1','A1.1','A1.2','A1.3','A2.1','A2.2','B1.1','B1.2']::text[] AS lv) l`,
  // The wait: from the test day until a seat was booked, longer on the literacy and slow paths.
  `CREATE TEMP TABLE demo_waits ON COMMIT DROP AS
     SELECT d.*, r.id AS result_id, r.entered_at, r.start_level,
            (CASE d.pace WHEN 'literacy' THEN 60 WHEN 'slow' THEN 40 WHEN 'fast' THEN 14 ELSE 25 END
              + abs(hashtext('w' || d.n)) % 90)::int AS wait
       FROM demo_results d JOIN test_results r ON r.booking_id = d.booking_id`,
  `ALTER TABLE demo_waits ADD COLUMN fate text`,
  `UPDATE demo_waits SET fate = CASE
      WHEN r % 20 = 7 AND day + 30 < $1::date THEN 'removed'
      WHEN day + wait < $1::date THEN 'placed' ELSE 'waiting' END`,
  // Courses of the past year and the next two months: each provider, each pace, each month.
  `CREATE TEMP TABLE demo_course_plan ON COMMIT DROP AS
     SELECT p.id AS provider_id, p.region_id, s.id AS provider_user, pace,
            (m + (abs(hashtext(p.name)) % 10) * interval '1 day')::date AS starts_on
       FROM organisations p
       JOIN demo_staff s ON s.organisation_id = p.id AND s.role = 'provider'
       CROSS JOIN unnest(ARRAY['fast','basic','slow','literacy']) pace
       CROSS JOIN generate_series(date_trunc('month', $1::date - 330), date_trunc('month', $1::date + 40), interval '1 month') m
      WHERE p.kind = 'course-provider'`,
  `INSERT INTO courses (provider_id, region_id, name, target_language, pace, min_level, max_level,
                       starts_on, ends_on, schedule, location, address, seats, status, created_by, created_at)
   SELECT provider_id, region_id,
          'Kotoutumiskoulutus, ' || CASE pace WHEN 'fast' THEN 'nopea' WHEN 'basic' THEN 'perus'
                                      WHEN 'slow' THEN 'hidas' ELSE 'lukutaito' END || 'polku '
            || to_char(starts_on, 'MM/YYYY'),
          (SELECT CASE WHEN name ~ 'Kustens' THEN 'sv' ELSE 'fi' END FROM organisations WHERE id = provider_id),
          pace, 'below-A1.1', 'B1.2', starts_on, starts_on + 120, 'ma–to 9.00–13.00',
          'Opetustila 2', 'Koulutuskatu 1', 16, 'published', provider_user, starts_on - 60
     FROM demo_course_plan`,
  // The seat: the first course of the client's pace and language in the region that starts
  // at least a week after the seat is booked.
  `CREATE TEMP TABLE demo_seats ON COMMIT DROP AS
     SELECT w.*, co.id AS course_id, co.starts_on, co.ends_on, gen_random_uuid() AS seat_id,
            ((w.day + w.wait + time '12:00') AT TIME ZONE 'Europe/Helsinki') AS booked_at
       FROM demo_waits w
       JOIN LATERAL (
         SELECT c.id, c.starts_on, c.ends_on FROM courses c
          JOIN demo_course_plan p ON p.provider_id = c.provider_id AND p.pace = c.pace AND p.starts_on = c.starts_on
          WHERE c.region_id = w.region_id AND c.pace = w.pace AND c.target_language = w.lang
            AND c.starts_on >= w.day + w.wait + 7
          ORDER BY c.starts_on, abs(hashtext(c.id::text || w.n)) LIMIT 1) co ON true
      WHERE w.fate = 'placed'`,
  `ALTER TABLE demo_seats ADD COLUMN status text`,
  `UPDATE demo_seats SET status = CASE
      WHEN starts_on > $1::date THEN 'reserved'
      WHEN r % 16 = 9 THEN 'no-show'
      WHEN r % 7 = 2 THEN 'dropped-out'
      WHEN ends_on <= $1::date THEN 'completed'
      ELSE 'started' END`,
  `INSERT INTO seats (id, course_id, client_id, status, booked_by, booked_at, status_changed_at)
   SELECT seat_id, course_id, client_id, status, official, booked_at,
          CASE status WHEN 'reserved' THEN booked_at
                      WHEN 'no-show' THEN (starts_on + time '12:00') AT TIME ZONE 'Europe/Helsinki'
                      WHEN 'dropped-out' THEN (least(starts_on + 20 + r % 40, $1::date - 1) + time '12:00') AT TIME ZONE 'Europe/Helsinki'
                      WHEN 'completed' THEN (ends_on + time '12:00') AT TIME ZONE 'Europe/Helsinki'
                      ELSE (starts_on + time '12:00') AT TIME ZONE 'Europe/Helsinki' END
     FROM demo_seats`,
  `UPDATE courses c SET seats_taken = t.n, seats = greatest(c.seats, t.n)
     FROM (SELECT course_id, count(*) FILTER (WHERE status IN ('reserved','started','completed')) AS n
             FROM demo_seats GROUP BY course_id) t
    WHERE t.course_id = c.id`,
  // The provider's reports, each on its day, by the provider's user.
  `INSERT INTO seat_reports (seat_id, kind, report_date, reported_by, reported_at)
   SELECT s.seat_id, 'start', s.starts_on, p.id, (s.starts_on + time '15:00') AT TIME ZONE 'Europe/Helsinki'
     FROM demo_seats s JOIN courses c ON c.id = s.course_id
     JOIN demo_staff p ON p.organisation_id = c.provider_id AND p.role = 'provider'
    WHERE s.status IN ('started', 'completed', 'dropped-out')`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, reported_by, reported_at)
   SELECT s.seat_id, 'no-show', s.starts_on, p.id, (s.starts_on + time '15:00') AT TIME ZONE 'Europe/Helsinki'
     FROM demo_seats s JOIN courses c ON c.id = s.course_id
     JOIN demo_staff p ON p.organisation_id = c.provider_id AND p.role = 'provider'
    WHERE s.status = 'no-show'`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, dropout_reason, reported_by, reported_at)
   SELECT s.seat_id, 'dropout', d.day,
          (ARRAY['employment','employment','employment','other-training','health','family-reasons',
                 'moved-away','lack-of-attendance','level-mismatch','other'])[1 + abs(hashtext('d' || s.n)) % 10],
          p.id, (d.day + time '15:00') AT TIME ZONE 'Europe/Helsinki'
     FROM demo_seats s JOIN courses c ON c.id = s.course_id
     JOIN demo_staff p ON p.organisation_id = c.provider_id AND p.role = 'provider'
     CROSS JOIN LATERAL (SELECT least(s.starts_on + 20 + s.r % 40, $1::date - 1) AS day) d
    WHERE s.status = 'dropped-out'`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, levels, reported_by, reported_at)
   SELECT s.seat_id, 'completion', s.ends_on,
          jsonb_build_object('listening', lv[2 + s.base + 2], 'speaking', lv[2 + s.base + 1],
                             'reading', lv[2 + s.base + 2], 'writing', lv[2 + s.base + (s.n % 2)]),
          p.id, (s.ends_on + time '15:00') AT TIME ZONE 'Europe/Helsinki'
     FROM demo_seats s JOIN courses c ON c.id = s.course_id
     JOIN demo_staff p ON p.organisation_id = c.provider_id AND p.role = 'provider',
          LATERAL (SELECT ARRAY['below-A1.1','A1.1','A1.2','A1.3','A2.1','A2.2','B1.1','B1.2','B2.1','B2.2','C1.1']::text[] AS lv) l
    WHERE s.status = 'completed'`,
  `INSERT INTO seat_reports (seat_id, kind, report_date, outcome, reported_by, reported_at)
   SELECT s.seat_id, 'follow-up', s.ends_on,
          (ARRAY['employment','employment','vocational-training','vocational-training',
                 'further-language-training','further-language-training','further-language-training',
                 'other-studies','work-trial','wage-subsidy','family-leave','unknown'])[1 + abs(hashtext('f' || s.n)) % 12],
          p.id, (s.ends_on + time '16:00') AT TIME ZONE 'Europe/Helsinki'
     FROM demo_seats s JOIN courses c ON c.id = s.course_id
     JOIN demo_staff p ON p.organisation_id = c.provider_id AND p.role = 'provider'
    WHERE s.status = 'completed'`,
  // The queue entries as the queue service leaves them: waiting since the test day, placed
  // by the seat booked, or removed by the official. A no-show on the first day sends the
  // client back to the queue with the original date (the default QUEUE_NO_SHOW_POLICY).
  `ALTER TABLE demo_seats ADD COLUMN places boolean`,
  `UPDATE demo_seats SET places = status <> 'no-show'`,
  `INSERT INTO waiting_list_entries (client_id, office_id, region_id, target_language, pace,
                                     start_level, waiting_since, result_at, result_id, status,
                                     ended_at, end_reason, seat_id, removed_by, created_at, updated_at)
   SELECT w.client_id, w.office_id, w.region_id, w.lang, w.pace, w.start_level, w.day, w.entered_at,
          w.result_id,
          CASE WHEN s.places THEN 'placed' WHEN w.fate = 'removed' THEN 'removed' ELSE 'waiting' END,
          CASE WHEN s.places THEN s.booked_at
               WHEN w.fate = 'removed' THEN (w.day + 30 + time '10:00') AT TIME ZONE 'Europe/Helsinki' END,
          CASE WHEN s.places THEN 'seat-booked' WHEN w.fate = 'removed' THEN 'Muutti pois alueelta' END,
          CASE WHEN s.places THEN s.seat_id END,
          CASE WHEN w.fate = 'removed' THEN w.official END, w.entered_at,
          coalesce(s.status_changed_at, s.booked_at, w.entered_at)
     FROM demo_waits w LEFT JOIN (
       SELECT ds.*, st.status_changed_at FROM demo_seats ds JOIN seats st ON st.id = ds.seat_id
     ) s ON s.client_id = w.client_id`,
  // The daily snapshots the queue service would have taken: who was waiting at each day's end.
  `INSERT INTO queue_snapshots (day, target_language, pace, level, region_id, length, oldest_since,
                                median_wait_days, p90_wait_days)
   SELECT d::date, e.target_language, e.pace, e.start_level, e.region_id, count(*)::int,
          min(e.waiting_since),
          round((percentile_cont(0.5) WITHIN GROUP (ORDER BY d::date - e.waiting_since))::numeric, 1),
          round((percentile_cont(0.9) WITHIN GROUP (ORDER BY d::date - e.waiting_since))::numeric, 1)
     FROM generate_series($1::date - 365, $1::date - 1, interval '1 day') d
     JOIN waiting_list_entries e ON e.waiting_since <= d::date
      AND (e.ended_at IS NULL OR (e.ended_at AT TIME ZONE 'Europe/Helsinki')::date > d::date)
    GROUP BY d, e.target_language, e.pace, e.start_level, e.region_id`,
];

export interface DemoHistorySummary {
  pastSessions: number;
  pastClients: number;
  results: number;
  queueEntries: number;
  seats: number;
}

/** Loads the past year into the demo, inside the caller's transaction. */
export async function insertDemoHistory(
  manager: EntityManager,
  today: string,
): Promise<DemoHistorySummary> {
  for (const statement of STATEMENTS) {
    await manager.query(statement, statement.includes('$1') ? [today] : []);
  }
  const [row]: Array<Record<keyof DemoHistorySummary, number>> = await manager.query(
    `SELECT (SELECT count(*) FROM demo_sessions)::int AS "pastSessions",
            (SELECT count(*) FROM demo_past_clients)::int AS "pastClients",
            (SELECT count(*) FROM demo_results)::int AS results,
            (SELECT count(*) FROM demo_waits)::int AS "queueEntries",
            (SELECT count(*) FROM demo_seats)::int AS seats`,
  );
  return row;
}
