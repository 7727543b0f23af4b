/**
 * The status of a client's live entry follows from committed facts, not from the order in
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
 * $1 entry id, $2 no-show policy, $3 event version (outbox id, 0 for an official's action).
 */
export const RECONCILE_ENTRY_SQL = `
  WITH e AS (
    SELECT id, client_id, waiting_since, removed_by, ended_at, end_reason, status
      FROM waiting_list_entries WHERE id = $1
  ), seat AS (
    SELECT s.id, s.booked_at
      FROM e JOIN seats s ON s.client_id = e.client_id
      JOIN courses c ON c.id = s.course_id
     WHERE (s.booked_at AT TIME ZONE 'Europe/Helsinki')::date >= e.waiting_since
       AND (s.status IN ('reserved', 'started', 'completed', 'dropped-out')
            OR (s.status = 'no-show' AND $2 = 'end')
            OR (s.status = 'cancelled' AND c.status = 'published' AND NOT EXISTS (
                  SELECT 1 FROM seat_reports r
                   WHERE r.seat_id = s.id AND r.kind = 'cancel' AND r.report_date < c.starts_on)))
     ORDER BY s.booked_at, s.id
     LIMIT 1
  ), consent AS (
    SELECT max(withdrawn_at) AS withdrawn_at, bool_or(withdrawn_at IS NULL) AS active
      FROM e JOIN consents k ON k.client_id = e.client_id
  ), office AS (
    SELECT cl.office_id, o.region_id
      FROM e JOIN clients cl ON cl.id = e.client_id JOIN organisations o ON o.id = cl.office_id
  ), next AS (
    SELECT e.id, office.office_id, office.region_id, seat.id AS seat_id,
           CASE WHEN e.removed_by IS NOT NULL THEN 'removed'
                WHEN seat.id IS NOT NULL THEN 'placed'
                WHEN coalesce(consent.active, false) THEN 'waiting'
                ELSE 'removed' END AS status,
           seat.booked_at, consent.withdrawn_at, e.removed_by, e.ended_at, e.end_reason,
           e.status AS old_status, e.client_id
      FROM e CROSS JOIN office CROSS JOIN consent LEFT JOIN seat ON true
  ), updated AS (
    UPDATE waiting_list_entries w
       SET status = next.status,
           seat_id = CASE WHEN next.status = 'placed' THEN next.seat_id END,
           ended_at = CASE WHEN next.removed_by IS NOT NULL THEN next.ended_at
                           WHEN next.status = 'placed' THEN next.booked_at
                           WHEN next.status = 'removed' THEN coalesce(next.withdrawn_at, now()) END,
           end_reason = CASE WHEN next.removed_by IS NOT NULL THEN next.end_reason
                             WHEN next.status = 'placed' THEN 'seat-booked'
                             WHEN next.status = 'removed' THEN 'consent-withdrawn' END,
           office_id = next.office_id,
           region_id = next.region_id,
           last_event_version = GREATEST(w.last_event_version, $3::bigint),
           updated_at = now()
      FROM next WHERE w.id = next.id
    RETURNING w.id, w.status, next.old_status, next.client_id
  )
  SELECT id, status, old_status AS "oldStatus", client_id AS "clientId" FROM updated`;
