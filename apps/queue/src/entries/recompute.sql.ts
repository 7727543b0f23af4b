/**
 * The waiting lists computed from scratch, from test results, seats, courses and consents
 * alone, with no use of waiting_list_entries: what the event handlers must agree with. It is
 * the check of the consistency test and the plain full-scan baseline of `npm run bench:queue`.
 * ($1: the no-show policy, 'return' or 'end'.)
 *
 * The rules, as the handlers apply them one event at a time:
 * - a seat counts as taken when reserved, started, completed or dropped out, a no-show under
 *   the policy 'end', or cancelled on or after its course's first day (not on a cancelled course);
 * - the current wait is made of the results of tests taken after the day of the last seat
 *   that counts; with such results the client waits since the first of those test days, tie
 *   broken by the first entry time, in the queue of the newest current result among them;
 *   without them a client who has results has been placed;
 * - a waiting client without consent on record is removed.
 * Officials' removals are not facts of other services, so they are not recomputed here.
 */
export const RECOMPUTE_SQL = `
  WITH results AS (
    SELECT r.client_id, r.booking_id, r.start_level, r.pace, s.target_language, r.entered_at,
           r.is_current, (b.starts_at AT TIME ZONE 'Europe/Helsinki')::date AS tested_on
      FROM test_results r
      JOIN test_bookings b ON b.id = r.booking_id
      JOIN test_sessions s ON s.id = b.session_id
  ), taken AS (
    SELECT s.client_id, max((s.booked_at AT TIME ZONE 'Europe/Helsinki')::date) AS last_day
      FROM seats s JOIN courses c ON c.id = s.course_id
     WHERE s.status IN ('reserved', 'started', 'completed', 'dropped-out')
        OR (s.status = 'no-show' AND $1 = 'end')
        OR (s.status = 'cancelled' AND c.status = 'published' AND NOT EXISTS (
              SELECT 1 FROM seat_reports sr
               WHERE sr.seat_id = s.id AND sr.kind = 'cancel' AND sr.report_date < c.starts_on))
     GROUP BY s.client_id
  ), current_wait AS (
    SELECT r.* FROM results r LEFT JOIN taken t ON t.client_id = r.client_id
     WHERE t.last_day IS NULL OR r.tested_on > t.last_day
  ), waits AS (
    SELECT DISTINCT ON (w.client_id)
           w.client_id, w.target_language, w.pace, w.start_level,
           min(w.tested_on) OVER (PARTITION BY w.client_id) AS waiting_since,
           min(w.entered_at) OVER (PARTITION BY w.client_id) AS result_at
      FROM current_wait w
     ORDER BY w.client_id, w.is_current DESC, w.entered_at DESC
  )
  SELECT cl.id AS client_id, cl.office_id, o.region_id,
         CASE WHEN w.client_id IS NULL THEN 'placed'
              WHEN EXISTS (SELECT 1 FROM consents k
                            WHERE k.client_id = cl.id AND k.withdrawn_at IS NULL) THEN 'waiting'
              ELSE 'removed' END AS status,
         w.target_language, w.pace, w.start_level, w.waiting_since, w.result_at
    FROM clients cl
    JOIN organisations o ON o.id = cl.office_id
    LEFT JOIN waits w ON w.client_id = cl.id
   WHERE EXISTS (SELECT 1 FROM test_results r WHERE r.client_id = cl.id)`;
