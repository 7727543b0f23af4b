import { HELSINKI_TODAY, QUEUE_KEYS, QUEUE_ORDER } from '../entries/queue-order';

/**
 * The overview: one row per queue with length, oldest date and waits in days. The filters
 * are optional ($1 language, $2 pace, $3 level, $4 region); a null matches every queue.
 */
export const OVERVIEW_SQL = `
  WITH queues AS (
    SELECT e.target_language, e.pace, e.start_level, e.region_id,
           count(*)::int AS length, min(e.waiting_since) AS oldest_since,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HELSINKI_TODAY} - e.waiting_since) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY ${HELSINKI_TODAY} - e.waiting_since) AS p90
      FROM waiting_list_entries e
     WHERE e.status = 'waiting'
       AND ($1::text IS NULL OR e.target_language = $1)
       AND ($2::text IS NULL OR e.pace = $2)
       AND ($3::text IS NULL OR e.start_level = $3)
       AND ($4::uuid IS NULL OR e.region_id = $4)
     GROUP BY ${QUEUE_KEYS}
  )
  SELECT q.target_language AS "targetLanguage", q.pace, q.start_level AS level,
         q.region_id AS "regionId", r.name AS "regionName", q.length,
         q.oldest_since AS "oldestSince",
         round(q.median::numeric, 1)::float8 AS "medianWaitDays",
         round(q.p90::numeric, 1)::float8 AS "p90WaitDays"
    FROM queues q JOIN organisations r ON r.id = q.region_id
   ORDER BY q.target_language, q.pace, level_rank(q.start_level), r.name, q.region_id`;

/**
 * One region's waiting clients with their position in their own queue. $1 region, $2–$4 the
 * optional filters, $5 the office to keep (null: all of the region), $6 limit, $7 offset.
 * Positions count every client of the queue, not only the office's.
 */
export const ENTRIES_SQL = `
  WITH queue AS (
    SELECT e.id, e.client_id, e.office_id, e.region_id, e.target_language, e.pace,
           e.start_level, e.waiting_since, e.result_at, e.priority, e.priority_reason,
           row_number() OVER (PARTITION BY ${QUEUE_KEYS} ORDER BY ${QUEUE_ORDER})::int AS position,
           count(*) OVER (PARTITION BY ${QUEUE_KEYS})::int AS queue_length
      FROM waiting_list_entries e
     WHERE e.status = 'waiting'
       AND ($1::uuid IS NULL OR e.region_id = $1)
       AND ($2::text IS NULL OR e.target_language = $2)
       AND ($3::text IS NULL OR e.pace = $3)
       AND ($4::text IS NULL OR e.start_level = $4)
  )
  SELECT q.id AS "entryId", q.client_id AS "clientId", q.office_id AS "officeId",
         cl.first_name AS "firstName", cl.last_name AS "lastName",
         q.region_id AS "regionId", q.target_language AS "targetLanguage", q.pace,
         q.start_level AS level, q.position, q.queue_length AS "queueLength",
         q.waiting_since AS "waitingSince", ${HELSINKI_TODAY} - q.waiting_since AS "waitingDays",
         q.priority, q.priority_reason AS "priorityReason"
    FROM queue q JOIN clients cl ON cl.id = q.client_id
   WHERE ($5::uuid IS NULL OR q.office_id = $5)
   ORDER BY q.target_language, q.pace, level_rank(q.start_level), q.region_id, q.position
   LIMIT $6 OFFSET $7`;

/** A client's newest entry, with its place in its queue while waiting. $1 client. */
export const POSITION_SQL = `
  WITH live AS (
    SELECT * FROM waiting_list_entries WHERE client_id = $1
     ORDER BY created_at DESC, id DESC LIMIT 1
  )
  SELECT l.id AS "entryId", l.client_id AS "clientId", l.status,
         l.target_language AS "targetLanguage", l.pace, l.start_level AS level,
         l.region_id AS "regionId", l.office_id AS "officeId",
         l.waiting_since AS "waitingSince",
         CASE WHEN l.status = 'waiting' THEN ${HELSINKI_TODAY} - l.waiting_since END AS "waitingDays",
         l.priority, l.priority_reason AS "priorityReason",
         l.ended_at AS "endedAt", l.end_reason AS "endReason", l.seat_id AS "seatId",
         CASE WHEN l.status = 'waiting' THEN (
           SELECT count(*)::int + 1 FROM waiting_list_entries e
            WHERE e.status = 'waiting' AND e.target_language = l.target_language
              AND e.pace = l.pace AND e.start_level = l.start_level AND e.region_id = l.region_id
              AND (e.priority, l.waiting_since, l.result_at, l.id) > (l.priority, e.waiting_since, e.result_at, e.id)
         ) END AS position,
         CASE WHEN l.status = 'waiting' THEN (
           SELECT count(*)::int FROM waiting_list_entries e
            WHERE e.status = 'waiting' AND e.target_language = l.target_language
              AND e.pace = l.pace AND e.start_level = l.start_level AND e.region_id = l.region_id
         ) END AS "queueLength"
    FROM live l`;
