import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONSTRAINTS } from '@kotoportti/model';
import type { DataSource } from 'typeorm';
import { QUEUE_KEYS } from '../entries/queue-order';

/**
 * Every queue's length and waits on a day ($1), so that trends can be drawn without replaying
 * history. A queue that emptied since the last snapshot gets a row of length 0, so its line
 * drops to zero instead of stopping. Taking the same day again overwrites it: idempotent.
 */
const SNAPSHOT_SQL = `
  WITH today AS (
    SELECT e.target_language, e.pace, e.start_level AS level, e.region_id,
           count(*)::int AS length, min(e.waiting_since) AS oldest_since,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY $1::date - e.waiting_since) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY $1::date - e.waiting_since) AS p90
      FROM waiting_list_entries e
     WHERE e.status = 'waiting'
     GROUP BY ${QUEUE_KEYS}
  ), emptied AS (
    SELECT s.target_language, s.pace, s.level, s.region_id
      FROM queue_snapshots s
     WHERE s.day = (SELECT max(day) FROM queue_snapshots WHERE day < $1::date) AND s.length > 0
    EXCEPT
    SELECT target_language, pace, level, region_id FROM today
  ), stored AS (
    INSERT INTO queue_snapshots
      (day, target_language, pace, level, region_id, length, oldest_since, median_wait_days, p90_wait_days)
    SELECT $1::date, target_language, pace, level, region_id, length, oldest_since,
           round(median::numeric, 1), round(p90::numeric, 1)
      FROM today
    UNION ALL
    SELECT $1::date, target_language, pace, level, region_id, 0, NULL, NULL, NULL FROM emptied
    ON CONFLICT ON CONSTRAINT ${CONSTRAINTS.queueSnapshotUnique} DO UPDATE
       SET length = excluded.length, oldest_since = excluded.oldest_since,
           median_wait_days = excluded.median_wait_days, p90_wait_days = excluded.p90_wait_days
    RETURNING 1
  )
  SELECT count(*)::int AS queues FROM stored`;

@Injectable()
export class QueueSnapshotsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Returns how many queue rows were written for the day. */
  async take(day: string): Promise<number> {
    const [row]: Array<{ queues: number }> = await this.db.query(SNAPSHOT_SQL, [day]);
    return row.queues;
  }

  async between(from: string, to: string) {
    return this.db.query(
      `SELECT s.day, s.target_language AS "targetLanguage", s.pace, s.level,
              s.region_id AS "regionId", s.length, s.oldest_since AS "oldestSince",
              s.median_wait_days::float8 AS "medianWaitDays", s.p90_wait_days::float8 AS "p90WaitDays"
         FROM queue_snapshots s
        WHERE s.day BETWEEN $1 AND $2
        ORDER BY s.day, s.target_language, s.pace, level_rank(s.level), s.region_id`,
      [from, to],
    );
  }
}
