import type { DataSource } from 'typeorm';
import { levelsOf, readCourse } from '../../apps/queue/src/candidates/course-for-queue';
import { RECOMPUTE_SQL } from '../../apps/queue/src/entries/recompute.sql';

/**
 * The baselines: the same answers computed by a plain full scan of the source tables
 * (results, bookings, sessions, seats, consents), without the maintained waiting_list_entries.
 */
export const PLAIN_REBUILD_SQL = RECOMPUTE_SQL;

const TODAY = `(now() AT TIME ZONE 'Europe/Helsinki')::date`;

export async function plainOverview(db: DataSource): Promise<unknown> {
  return db.query(
    `WITH w AS (SELECT * FROM (${RECOMPUTE_SQL}) t WHERE status = 'waiting'),
     q AS (
       SELECT target_language, pace, start_level, region_id, count(*)::int AS length,
              min(waiting_since) AS oldest_since,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${TODAY} - waiting_since) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${TODAY} - waiting_since) AS p90
         FROM w GROUP BY target_language, pace, start_level, region_id)
     SELECT q.target_language AS "targetLanguage", q.pace, q.start_level AS level,
            q.region_id AS "regionId", r.name AS "regionName", q.length,
            q.oldest_since AS "oldestSince",
            round(q.median::numeric, 1)::float8 AS "medianWaitDays",
            round(q.p90::numeric, 1)::float8 AS "p90WaitDays"
       FROM q JOIN organisations r ON r.id = q.region_id
      ORDER BY q.target_language, q.pace, level_rank(q.start_level), r.name, q.region_id`,
    ['return'],
  );
}

/** The first 50 client ids in the course's queue order, from scratch. */
export async function plainCandidates(db: DataSource, courseId: string): Promise<string[]> {
  const course = (await readCourse(db.manager, courseId))!;
  const rows: Array<{ client_id: string }> = await db.query(
    `SELECT client_id FROM (${RECOMPUTE_SQL}) t
      WHERE status = 'waiting' AND target_language = $2 AND pace = $3 AND start_level = ANY($4::text[])
      ORDER BY coalesce(region_id = $5, false) DESC, waiting_since, result_at, client_id
      LIMIT 50`,
    ['return', course.targetLanguage, course.pace, levelsOf(course), course.regionId],
  );
  return rows.map((row) => row.client_id);
}
