/**
 * The live (newest) entry of each client named by a seat, consent or move event, for the
 * status to be reconciled. An event that overtook the client's result finds no entry: one is
 * made from the results on record (the newest current result sets the keys, the first test
 * day and entry time the place), with keys version 0 so that the result event, when it
 * comes, still applies; that is audited as entering the queue. A client without a current
 * result has no entry and nothing to reconcile.
 * created_at is the clock, not now(): the live entry is the newest, even within one batch.
 * $1 versions, $2 client ids: at most one event per client; the callers hold their locks.
 */
export const CLIENT_ENTRIES_SQL = `
  WITH ev AS (
    SELECT * FROM unnest($1::bigint[], $2::uuid[]) AS ev(version, client_id)
  ), live AS (
    SELECT DISTINCT ON (e.client_id) e.id AS entry_id, e.client_id
      FROM waiting_list_entries e
     WHERE e.client_id IN (SELECT client_id FROM ev)
     ORDER BY e.client_id, e.created_at DESC, e.id DESC
  ), missing AS (
    SELECT ev.version, ev.client_id, cl.office_id, o.region_id
      FROM ev
      JOIN clients cl ON cl.id = ev.client_id
      JOIN organisations o ON o.id = cl.office_id
     WHERE NOT EXISTS (SELECT 1 FROM live WHERE live.client_id = ev.client_id)
  ), results AS (
    SELECT r.id, r.client_id, r.start_level, r.pace, s.target_language, r.entered_at,
           r.is_current, (b.starts_at AT TIME ZONE 'Europe/Helsinki')::date AS tested_on
      FROM test_results r
      JOIN test_bookings b ON b.id = r.booking_id
      JOIN test_sessions s ON s.id = b.session_id
     WHERE r.client_id IN (SELECT client_id FROM missing)
  ), inserted AS (
    INSERT INTO waiting_list_entries
      (client_id, office_id, region_id, target_language, pace, start_level, waiting_since,
       result_at, result_id, keys_version, last_event_version, created_at)
    SELECT m.client_id, m.office_id, m.region_id, newest.target_language, newest.pace,
           newest.start_level,
           (SELECT min(tested_on) FROM results r WHERE r.client_id = m.client_id),
           (SELECT min(entered_at) FROM results r WHERE r.client_id = m.client_id),
           newest.id, 0, m.version, clock_timestamp()
      FROM missing m
      JOIN LATERAL (
        SELECT * FROM results r WHERE r.client_id = m.client_id AND r.is_current
         ORDER BY r.entered_at DESC LIMIT 1
      ) newest ON true
    RETURNING id, client_id, last_event_version AS version
  ), audited AS (
    INSERT INTO audit_events (action, entity_type, entity_id, client_id, details)
    SELECT 'waiting-list.enter', 'waiting-list-entry', i.id::text, i.client_id,
           jsonb_build_object('version', i.version::text)
      FROM inserted i
  )
  SELECT live.entry_id AS "entryId", ev.version::text AS version
    FROM live JOIN ev ON ev.client_id = live.client_id
  UNION ALL
  SELECT id, version::text FROM inserted`;
