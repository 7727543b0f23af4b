import type { EntityManager } from 'typeorm';
import { seedClients, type World } from './seed';

/**
 * 10,000 events, written to the outbox as the producers would: 7,000 results of newly tested
 * clients (test-result.recorded), 2,000 corrections of waiting clients' results
 * (test-result.corrected, with the new result version), 1,000 seats booked for waiting
 * clients (seat.booked, with the seat). Each call takes clients no earlier call took, so the
 * stages of the run each get their own 10,000.
 */
export async function writeEvents(
  db: Pick<EntityManager, 'query'>,
  world: World,
  firstNew: number,
): Promise<void> {
  await seedClients(db, world, firstNew, 7000);
  await db.query(
    `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
     SELECT 'test-result.recorded', 'test-result', r.booking_id,
            jsonb_build_object('resultId', r.id, 'bookingId', r.booking_id, 'clientId', r.client_id,
              'officeId', c.office_id, 'version', 1, 'targetLanguage', s.target_language,
              'pace', r.pace, 'startLevel', r.start_level, 'literacy', r.literacy,
              'enteredAt', to_char(r.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'testedOn', (b.starts_at AT TIME ZONE 'Europe/Helsinki')::date)
       FROM test_results r JOIN clients c ON c.id = r.client_id
       JOIN test_bookings b ON b.id = r.booking_id JOIN test_sessions s ON s.id = b.session_id
      WHERE NOT EXISTS (SELECT 1 FROM waiting_list_entries e WHERE e.client_id = r.client_id)
      ORDER BY r.entered_at`,
  );
  await db.query(
    `WITH chosen AS (
       SELECT e.client_id FROM waiting_list_entries e
        WHERE e.status = 'waiting' AND NOT EXISTS (
                SELECT 1 FROM test_results r WHERE r.client_id = e.client_id AND r.version > 1)
        ORDER BY e.client_id LIMIT 2000
     ), old AS (
       UPDATE test_results r SET is_current = false FROM chosen
        WHERE r.client_id = chosen.client_id AND r.is_current
       RETURNING r.*
     ), corrected AS (
       INSERT INTO test_results (booking_id, client_id, version, listening, speaking, reading, writing,
                                 literacy, start_level, pace, recommendation, entered_by)
       SELECT booking_id, client_id, 2, 'A2.2', 'A2.2', 'A2.2', 'A2.2', literacy, 'A2.2', pace,
              recommendation, entered_by FROM old
       RETURNING *
     )
     INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
     SELECT 'test-result.corrected', 'test-result', r.booking_id,
            jsonb_build_object('resultId', r.id, 'bookingId', r.booking_id, 'clientId', r.client_id,
              'officeId', c.office_id, 'version', 2, 'targetLanguage', s.target_language,
              'pace', r.pace, 'startLevel', r.start_level, 'literacy', r.literacy,
              'enteredAt', to_char(r.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'testedOn', (b.starts_at AT TIME ZONE 'Europe/Helsinki')::date)
       FROM corrected r JOIN clients c ON c.id = r.client_id
       JOIN test_bookings b ON b.id = r.booking_id JOIN test_sessions s ON s.id = b.session_id`,
  );
  await db.query(
    `WITH chosen AS (
       SELECT e.client_id, row_number() OVER (ORDER BY e.client_id DESC) AS n
         FROM waiting_list_entries e WHERE e.status = 'waiting'
        ORDER BY e.client_id DESC LIMIT 1000
     ), courses AS (
       SELECT id, row_number() OVER (ORDER BY id) AS n FROM courses
     ), seated AS (
       INSERT INTO seats (course_id, client_id, booked_by, level_override_reason)
       SELECT co.id, ch.client_id, (SELECT id FROM users WHERE username = 'bench-official'), 'bench'
         FROM chosen ch JOIN courses co ON co.n = 1 + ch.n % 200
       RETURNING id, course_id, client_id
     )
     INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
     SELECT 'seat.booked', 'seat', id,
            jsonb_build_object('seatId', id, 'courseId', course_id, 'clientId', client_id,
                               'status', 'reserved')
       FROM seated`,
  );
}
