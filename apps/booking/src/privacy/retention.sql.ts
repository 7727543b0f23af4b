/**
 * A client's last activity: the latest instant any record about them was made or changed,
 * or a course they held a seat on ended. Reads of the record (audit events) do not count:
 * looking a person up must not keep their data for ever.
 */
const LAST_ACTIVITY = `GREATEST(
  c.created_at, c.updated_at,
  (SELECT max(GREATEST(x.recorded_at, x.given_at, x.withdrawn_at)) FROM consents x WHERE x.client_id = c.id),
  (SELECT max(GREATEST(b.booked_at, b.ends_at, b.cancelled_at, b.attendance_marked_at))
     FROM test_bookings b WHERE b.client_id = c.id),
  (SELECT max(r.entered_at) FROM test_results r WHERE r.client_id = c.id),
  (SELECT max(GREATEST(s.booked_at, s.status_changed_at, k.ends_on::timestamptz))
     FROM seats s JOIN courses k ON k.id = s.course_id WHERE s.client_id = c.id),
  (SELECT max(GREATEST(p.reported_at, p.report_date::timestamptz))
     FROM seat_reports p JOIN seats s ON s.id = p.seat_id WHERE s.client_id = c.id),
  (SELECT max(GREATEST(e.updated_at, e.ended_at)) FROM waiting_list_entries e WHERE e.client_id = c.id),
  (SELECT max(GREATEST(f.offered_at, f.decided_at, f.expires_at)) FROM seat_offers f WHERE f.client_id = c.id),
  (SELECT max(l.created_at) FROM letters l WHERE l.client_id = c.id)
)`;

/**
 * Clients due for pseudonymisation: not yet done, quiet since before $1, and not waiting
 * for anything (a queue place or a held seat is current business however old it is).
 * $2 limits the batch; $3 narrows to one client for the re-check under its row lock.
 */
export const EXPIRED_CLIENTS = `
  SELECT c.id, ${LAST_ACTIVITY} AS "lastActivityAt"
    FROM clients c
   WHERE c.pseudonymised_at IS NULL
     AND ($3::uuid IS NULL OR c.id = $3)
     AND ${LAST_ACTIVITY} < $1
     AND NOT EXISTS (SELECT 1 FROM waiting_list_entries e WHERE e.client_id = c.id AND e.status = 'waiting')
     AND NOT EXISTS (SELECT 1 FROM seat_offers f WHERE f.client_id = c.id AND f.status = 'open')
   ORDER BY c.id
   LIMIT $2`;

const SHA256_OF_NOTHING = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const REMOVED = `'(removed)'`;

/**
 * Replaces everything that identifies the person ($1) and keeps every row and code the
 * statistics count: bookings, results, seats, reports, queue entries and offers stay, with
 * their dates, levels, paces, statuses and reasons' codes. Free texts go, as they may name
 * the person; where a constraint needs a text, a placeholder stands in. The birth date
 * keeps its year only (age groups), the letters keep their metadata but lose the PDF.
 */
export const PSEUDONYMISE = [
  `UPDATE clients
      SET first_name = 'Pseudonymised', last_name = 'client', personal_identity_code = NULL,
          birth_date = date_trunc('year', birth_date)::date, phone = NULL, email = NULL,
          street_address = NULL, postal_code = NULL, city = NULL,
          pseudonymised_at = now(), updated_at = now()
    WHERE id = $1`,
  `UPDATE test_results SET recommendation = '' WHERE client_id = $1`,
  `UPDATE test_bookings SET cancel_reason = NULL WHERE client_id = $1 AND cancel_reason IS NOT NULL`,
  `UPDATE seats SET level_override_reason = NULL
    WHERE client_id = $1 AND level_override_reason IS NOT NULL`,
  `UPDATE seat_reports SET text = NULL
    WHERE seat_id IN (SELECT id FROM seats WHERE client_id = $1) AND text IS NOT NULL`,
  `UPDATE waiting_list_entries
      SET end_reason = CASE WHEN end_reason IS NULL THEN NULL ELSE ${REMOVED} END,
          priority_reason = CASE WHEN priority_reason IS NULL THEN NULL ELSE ${REMOVED} END
    WHERE client_id = $1 AND (end_reason IS NOT NULL OR priority_reason IS NOT NULL)`,
  `UPDATE seat_offers SET decline_reason = ${REMOVED}
    WHERE client_id = $1 AND decline_reason IS NOT NULL`,
  // A batch PDF holds many people's letters; it goes whole, its letters' metadata stays.
  `UPDATE letter_batches SET pdf = NULL
    WHERE pdf IS NOT NULL AND id IN (SELECT batch_id FROM letters WHERE client_id = $1)`,
  `UPDATE letters SET pdf = ''::bytea, size_bytes = 0, sha256 = '${SHA256_OF_NOTHING}'
    WHERE client_id = $1`,
];

/** Replayed answers hold whole client records; they are useless once expired. */
export const DELETE_EXPIRED_IDEMPOTENCY_KEYS = `DELETE FROM idempotency_keys WHERE expires_at < now()`;

/** Any fixed number, the same in every service: one retention sweep at a time. */
export const RETENTION_LOCK_ID = '7361202511230009';
