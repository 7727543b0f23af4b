/**
 * The statements of the booking transaction, kept free of imports so that the benchmark
 * (bench/booking) issues exactly these through plain `pg` to measure what HTTP, Nest and
 * TypeORM add on top. Each has a name: it is a prepared statement (queryPrepared), planned
 * once per connection.
 */

/**
 * $1 client, $2 session, $3 office (null for an admin). One round trip reads everything the
 * rules need, and shared-locks the active consent until commit: a withdrawal waits for the
 * booking, or the booking sees the committed withdrawal.
 */
export const BOOKING_CONTEXT = {
  name: 'test-booking-context',
  text: `WITH consent AS (
    SELECT id FROM consents WHERE client_id = $1 AND withdrawn_at IS NULL FOR SHARE
  )
  SELECT c.first_name, c.last_name, c.birth_date,
         c.interpreter_language AS client_interpreter_language,
         EXISTS (SELECT 1 FROM consent) AS has_consent,
         s.id AS session_id, s.kind, s.starts_at, s.ends_at, s.status AS session_status,
         s.cancel_reason AS session_cancel_reason, s.starts_at <= now() AS started,
         s.test_centre_id, o.name AS test_centre_name, s.target_language, s.location,
         s.address,
         EXISTS (SELECT 1 FROM test_bookings b
                  WHERE b.client_id = c.id AND b.kind = s.kind AND b.status = 'booked')
           AS already_booked
    FROM clients c
    LEFT JOIN test_sessions s ON s.id = $2
    LEFT JOIN organisations o ON o.id = s.test_centre_id
   WHERE c.id = $1 AND ($3::uuid IS NULL OR c.office_id = $3)`,
} as const;

/**
 * $1 session, $2 client, $3 interpreter language, $4 booked by, $5 rebooked from. Takes a
 * place and inserts the booking in one statement; no row back means no place was free.
 */
export const TAKE_PLACE = {
  name: 'test-booking-take-place',
  text: `WITH taken AS (
    UPDATE test_sessions SET booked_count = booked_count + 1
     WHERE id = $1 AND status = 'scheduled' AND booked_count < capacity
       AND starts_at > now()
     RETURNING id, kind, starts_at, ends_at
  )
  INSERT INTO test_bookings
    (session_id, client_id, kind, starts_at, ends_at, interpreter_language, booked_by,
     rebooked_from_id)
  SELECT id, $2, kind, starts_at, ends_at, $3, $4, $5 FROM taken
  RETURNING id, booked_at`,
} as const;
