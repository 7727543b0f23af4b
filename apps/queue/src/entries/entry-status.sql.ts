/**
 * The status of clients' live entries follows from committed facts, not from the order in
 * which events arrive: a late or repeated seat or consent event recomputes the same answer.
 *
 * - removed by an official: stays removed (the reason is theirs, the episode is over);
 * - placed: a seat booked since the wait began that counts as taken, i.e. reserved, started,
 *   completed or dropped out (a dropout after the start does not send the client back), a
 *   no-show when the policy ($2) is 'end', or a cancellation on or after the course's first
 *   day; a seat released before the start, or on a cancelled course, does not count;
 * - removed: no consent on record (withdrawn consent ends the wait);
 * - otherwise waiting, with the original date.
 *
 * The office and region are refreshed too, so a client who moved office is queued there.
 * Set-based, so that a batch of events reconciles all its entries in one statement, and a
 * change of status is audited in the same statement.
 * $1 entry ids, $2 no-show policy, $3 the event version per entry (outbox id, 0 for an
 * official's action); an entry named twice keeps its highest version.
 */
export const RECONCILE_ENTRIES_SQL = `
  WITH input AS (
    SELECT entry_id, max(version) AS version
      FROM unnest($1::uuid[], $3::bigint[]) AS i(entry_id, version)
     GROUP BY entry_id
  ), e AS (
    SELECT w.id, w.client_id, w.waiting_since, w.removed_by, w.ended_at, w.end_reason, w.status,
           input.version
      FROM input JOIN waiting_list_entries w ON w.id = input.entry_id
  ), next AS (
    SELECT e.id, cl.office_id, o.region_id, seat.id AS seat_id,
           CASE WHEN e.removed_by IS NOT NULL THEN 'removed'
                WHEN seat.id IS NOT NULL THEN 'placed'
                WHEN coalesce(consent.active, false) THEN 'waiting'
                ELSE 'removed' END AS status,
           seat.booked_at, consent.withdrawn_at, e.removed_by, e.ended_at, e.end_reason,
           e.status AS old_status, e.client_id, e.version
      FROM e
      JOIN clients cl ON cl.id = e.client_id
      JOIN organisations o ON o.id = cl.office_id
      LEFT JOIN LATERAL (
        SELECT s.id, s.booked_at
          FROM seats s JOIN courses c ON c.id = s.course_id
         WHERE s.client_id = e.client_id
           AND (s.booked_at AT TIME ZONE 'Europe/Helsinki')::date >= e.waiting_since
           AND (s.status IN ('reserved', 'started', 'completed', 'dropped-out')
                OR (s.status = 'no-show' AND $2 = 'end')
                OR (s.status = 'cancelled' AND c.status = 'published' AND NOT EXISTS (
                      SELECT 1 FROM seat_reports r
                       WHERE r.seat_id = s.id AND r.kind = 'cancel' AND r.report_date < c.starts_on)))
         ORDER BY s.booked_at, s.id
         LIMIT 1
      ) seat ON true
      CROSS JOIN LATERAL (
        SELECT max(k.withdrawn_at) AS withdrawn_at, bool_or(k.withdrawn_at IS NULL) AS active
          FROM consents k WHERE k.client_id = e.client_id
      ) consent
  ), target AS (
    SELECT next.id, next.status, next.office_id, next.region_id, next.old_status,
           next.client_id, next.version,
           CASE WHEN next.status = 'placed' THEN next.seat_id END AS seat_id,
           CASE WHEN next.removed_by IS NOT NULL THEN next.ended_at
                WHEN next.status = 'placed' THEN next.booked_at
                WHEN next.status = 'removed' THEN coalesce(next.withdrawn_at, now()) END AS ended_at,
           CASE WHEN next.removed_by IS NOT NULL THEN next.end_reason
                WHEN next.status = 'placed' THEN 'seat-booked'
                WHEN next.status = 'removed' THEN 'consent-withdrawn' END AS end_reason
      FROM next
  ), updated AS (
    UPDATE waiting_list_entries w
       SET status = t.status,
           seat_id = t.seat_id,
           ended_at = t.ended_at,
           end_reason = t.end_reason,
           office_id = t.office_id,
           region_id = t.region_id,
           last_event_version = GREATEST(w.last_event_version, t.version),
           updated_at = now()
      FROM target t
     WHERE w.id = t.id
       -- An entry already right is left alone: a second version of a row written earlier in
       -- the same transaction costs every index and foreign-key check again.
       AND (w.status, w.seat_id, w.ended_at, w.end_reason, w.office_id, w.region_id,
            w.last_event_version)
           IS DISTINCT FROM (t.status, t.seat_id, t.ended_at, t.end_reason, t.office_id,
                             t.region_id, GREATEST(w.last_event_version, t.version))
    RETURNING w.id, w.status, t.old_status, t.client_id, t.version
  ), audited AS (
    -- The system's own writes to a person's entry are audited like an official's.
    INSERT INTO audit_events (action, entity_type, entity_id, client_id, details)
    SELECT 'waiting-list.status', 'waiting-list-entry', u.id::text, u.client_id,
           jsonb_build_object('from', u.old_status, 'to', u.status, 'version', u.version::text)
      FROM updated u WHERE u.status <> u.old_status
  )
  SELECT count(*)::int AS changed FROM updated`;
