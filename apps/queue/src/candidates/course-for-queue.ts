import {
  LEVELS,
  levelRank,
  type CourseStatus,
  type Level,
  type Pace,
  type TargetLanguage,
} from '@kotoportti/model';
import type { EntityManager } from 'typeorm';
import { HELSINKI_TODAY } from '../entries/queue-order';

/** What the queue needs of a course to find who fits it. */
export interface CourseForQueue {
  id: string;
  providerId: string;
  status: CourseStatus;
  targetLanguage: TargetLanguage;
  pace: Pace;
  minLevel: Level;
  maxLevel: Level;
  /** The course's region, else its provider's: candidates from there come first. */
  regionId: string | null;
  seats: number;
  seatsTaken: number;
  /** Its last day is behind us in Helsinki: nobody joins it any more. */
  ended: boolean;
}

const COURSE_SQL = `
  SELECT c.id, c.provider_id AS "providerId", c.status, c.target_language AS "targetLanguage",
         c.pace, c.min_level AS "minLevel", c.max_level AS "maxLevel",
         coalesce(c.region_id, p.region_id) AS "regionId", c.seats, c.seats_taken AS "seatsTaken",
         c.ends_on < ${HELSINKI_TODAY} AS ended
    FROM courses c JOIN organisations p ON p.id = c.provider_id
   WHERE c.id = $1`;

export async function readCourse(
  manager: EntityManager,
  courseId: string,
): Promise<CourseForQueue | undefined> {
  const rows: CourseForQueue[] = await manager.query(COURSE_SQL, [courseId]);
  return rows[0];
}

/**
 * The course row locked FOR UPDATE: every change to a course's offers and holds happens
 * under it, so two released places never go to the same head, and the head is chosen in
 * strict queue order (no SKIP LOCKED, which would pass over a locked head).
 */
export async function lockCourse(
  manager: EntityManager,
  courseId: string,
): Promise<CourseForQueue | undefined> {
  const rows: CourseForQueue[] = await manager.query(`${COURSE_SQL} FOR UPDATE OF c`, [courseId]);
  return rows[0];
}

/** The level codes inside the course's range, for an index-friendly `= ANY`. */
export function levelsOf(course: Pick<CourseForQueue, 'minLevel' | 'maxLevel'>): Level[] {
  return LEVELS.filter(
    (level) =>
      levelRank(course.minLevel) <= levelRank(level) &&
      levelRank(level) <= levelRank(course.maxLevel),
  );
}

export function acceptsBookings(course: CourseForQueue): boolean {
  return course.status === 'published' && !course.ended;
}
