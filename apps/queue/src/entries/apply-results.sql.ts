/**
 * Result events (recorded or corrected) applied as a set: at most one event per client, the
 * callers hold the clients' locks. For each event, against the client's live (newest) entry:
 *
 * - no entry yet, or a new test (not a correction) taken after the live entry ended: a new
 *   entry from the day of the test, in the result's queue;
 * - a test taken on or before the day the client's previous entry ended: a late result of an
 *   earlier wait, history (the entry is only reconciled);
 * - otherwise the live entry moves: keys only from a newer result event (by outbox id), the
 *   date and the tie-break only ever move earlier. A correction keeps the place its first
 *   version earned: its tie-break is the first entry time of the booking's results.
 *
 * Returns every touched entry with its event's version, to be reconciled next (the status
 * follows seats and consents, entry-status.sql.ts). Entering and moving are audited here.
 * created_at is the clock, not now(): the live entry is the newest, and a later round of
 * the same transaction may begin a client's second wait.
 * $1 versions, $2 client ids, $3 result ids, $4 booking ids, $5 target languages, $6 paces,
 * $7 start levels, $8 test days, $9 entry times, $10 corrected flags: one element per event.
 */
export const APPLY_RESULTS_SQL = `
  WITH ev AS (
    SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[],
                         $6::text[], $7::text[], $8::date[], $9::timestamptz[], $10::boolean[])
      AS ev(version, client_id, result_id, booking_id, target_language, pace, start_level,
            tested_on, entered_at, corrected)
  ), facts AS (
    SELECT ev.*, cl.office_id, o.region_id,
           CASE WHEN ev.corrected
                THEN coalesce((SELECT min(r.entered_at) FROM test_results r
                                WHERE r.booking_id = ev.booking_id), ev.entered_at)
                ELSE ev.entered_at END AS first_entered_at,
           live.id AS live_id, live.status AS live_status, live.keys_version AS live_keys_version,
           live.target_language AS live_language, live.pace AS live_pace,
           live.start_level AS live_level, live.ended_on, live.previous_ended_on
      FROM ev
      JOIN clients cl ON cl.id = ev.client_id
      JOIN organisations o ON o.id = cl.office_id
      LEFT JOIN LATERAL (
        SELECT e.id, e.status, e.keys_version, e.target_language, e.pace, e.start_level,
               (e.ended_at AT TIME ZONE 'Europe/Helsinki')::date AS ended_on,
               (SELECT (max(p.ended_at) AT TIME ZONE 'Europe/Helsinki')::date
                  FROM waiting_list_entries p
                 WHERE p.client_id = e.client_id AND p.id <> e.id) AS previous_ended_on
          FROM waiting_list_entries e
         WHERE e.client_id = ev.client_id
         ORDER BY e.created_at DESC, e.id DESC
         LIMIT 1
      ) live ON true
  ), decided AS (
    SELECT f.*,
           CASE WHEN f.live_id IS NULL
                  OR (f.live_status <> 'waiting' AND NOT f.corrected
                      AND f.ended_on IS NOT NULL AND f.tested_on > f.ended_on) THEN 'insert'
                WHEN f.previous_ended_on IS NOT NULL
                 AND f.tested_on <= f.previous_ended_on THEN 'history'
                ELSE 'move' END AS action
      FROM facts f
  ), inserted AS (
    INSERT INTO waiting_list_entries
      (client_id, office_id, region_id, target_language, pace, start_level, waiting_since,
       result_at, result_id, keys_version, last_event_version, created_at)
    SELECT client_id, office_id, region_id, target_language, pace, start_level, tested_on,
           first_entered_at, result_id, version, version, clock_timestamp()
      FROM decided WHERE action = 'insert'
    RETURNING id, client_id
  ), moved AS (
    UPDATE waiting_list_entries w
       SET target_language = CASE WHEN d.version > w.keys_version THEN d.target_language
                                  ELSE w.target_language END,
           pace = CASE WHEN d.version > w.keys_version THEN d.pace ELSE w.pace END,
           start_level = CASE WHEN d.version > w.keys_version THEN d.start_level
                              ELSE w.start_level END,
           result_id = CASE WHEN d.version > w.keys_version THEN d.result_id ELSE w.result_id END,
           keys_version = GREATEST(w.keys_version, d.version),
           last_event_version = GREATEST(w.last_event_version, d.version),
           waiting_since = LEAST(w.waiting_since, d.tested_on),
           result_at = LEAST(w.result_at, d.first_entered_at),
           updated_at = now()
      FROM decided d
     WHERE d.action = 'move' AND w.id = d.live_id
    RETURNING w.id
  ), touched AS (
    SELECT i.id AS entry_id, d.version FROM inserted i JOIN decided d ON d.client_id = i.client_id
    UNION ALL
    SELECT live_id, version FROM decided WHERE action IN ('move', 'history')
  ), audited AS (
    INSERT INTO audit_events (action, entity_type, entity_id, client_id, details)
    SELECT 'waiting-list.enter', 'waiting-list-entry', i.id::text, i.client_id,
           jsonb_build_object('version', d.version::text)
      FROM inserted i JOIN decided d ON d.client_id = i.client_id
    UNION ALL
    SELECT 'waiting-list.move', 'waiting-list-entry', d.live_id::text, d.client_id,
           jsonb_build_object(
             'from', jsonb_build_object('targetLanguage', d.live_language, 'pace', d.live_pace,
                                        'level', d.live_level),
             'to', jsonb_build_object('targetLanguage', d.target_language, 'pace', d.pace,
                                      'level', d.start_level),
             'version', d.version::text)
      FROM decided d
     WHERE d.action = 'move' AND d.version > d.live_keys_version
       AND (d.live_language, d.live_pace, d.live_level)
           IS DISTINCT FROM (d.target_language, d.pace, d.start_level)
  )
  SELECT entry_id AS "entryId", version::text AS version FROM touched`;
