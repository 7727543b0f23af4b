import { HELSINKI_TODAY, QUEUE_ORDER } from '../entries/queue-order';

/**
 * Waiting clients who fit a course: same language and pace, start level in range ($3, a list
 * of codes), the course's region ($4) first, then queue order. $5 limit.
 */
export const CANDIDATES_SQL = `
  SELECT e.id AS "entryId", e.client_id AS "clientId", e.office_id AS "officeId",
         e.region_id AS "regionId", e.start_level AS "startLevel",
         e.waiting_since AS "waitingSince", ${HELSINKI_TODAY} - e.waiting_since AS "waitingDays",
         e.priority, e.priority_reason AS "priorityReason",
         coalesce(e.region_id = $4, false) AS "sameRegion"
    FROM waiting_list_entries e
   WHERE e.status = 'waiting' AND e.target_language = $1 AND e.pace = $2
     AND e.start_level = ANY($3::text[])
   ORDER BY coalesce(e.region_id = $4, false) DESC, ${QUEUE_ORDER}
   LIMIT $5`;

/** How many fit in all, for "12 more waiting" under the list. */
export const CANDIDATE_COUNT_SQL = `
  SELECT count(*)::int AS total FROM waiting_list_entries e
   WHERE e.status = 'waiting' AND e.target_language = $1 AND e.pace = $2
     AND e.start_level = ANY($3::text[])`;

/**
 * The strict head for a seat offer ($6 the course): the first candidate in queue order who
 * holds no open offer, has not already declined or let lapse an offer of this course, and
 * has never held a seat on it (a client who just cancelled is not offered the place back).
 */
export const HEAD_SQL = `
  SELECT e.id AS "entryId", e.client_id AS "clientId"
    FROM waiting_list_entries e
   WHERE e.status = 'waiting' AND e.target_language = $1 AND e.pace = $2
     AND e.start_level = ANY($3::text[])
     AND NOT EXISTS (SELECT 1 FROM seat_offers o
                      WHERE o.client_id = e.client_id
                        AND (o.status = 'open' OR (o.course_id = $5 AND o.status IN ('declined', 'expired'))))
     AND NOT EXISTS (SELECT 1 FROM seats s WHERE s.course_id = $5 AND s.client_id = e.client_id)
   ORDER BY coalesce(e.region_id = $4, false) DESC, ${QUEUE_ORDER}
   LIMIT 1`;
