import {
  SEAT_STATUSES_NEVER_TAKEN,
  sqlInList,
  type CourseStatus,
  type Level,
} from '@kotoportti/model';
import { queryPrepared } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';

/** Everything a seat booking is decided on, read in one round trip. */
export interface BookingFacts {
  /** Null when the client does not exist. */
  officeId: string | null;
  /** The start level of the client's newest current result; null when there is none. */
  startLevel: Level | null;
  consented: boolean;
  /** Null when the course does not exist. */
  courseStatus: CourseStatus | null;
  minLevel: Level;
  maxLevel: Level;
  /** The course's last day is behind us, by the calendar in Helsinki. */
  ended: boolean;
  /** The client already holds a seat on the course that counts. */
  seated: boolean;
}

/**
 * One statement instead of five, and prepared (see PreparedStatement): round trips and
 * planning, more than running, bound the booking rate (bench/seats). The consent row is
 * locked FOR SHARE, so its withdrawal waits until the booking has committed and no seat is
 * ever booked on a consent already withdrawn.
 */
export const BOOKING_FACTS = {
  name: 'seat-booking-facts',
  text: `
  WITH consent AS (
    SELECT id FROM consents WHERE client_id = $1 AND withdrawn_at IS NULL FOR SHARE
  )
  SELECT cl.office_id AS "officeId",
         (SELECT r.start_level FROM test_results r
           WHERE r.client_id = cl.id AND r.is_current
           ORDER BY r.entered_at DESC LIMIT 1) AS "startLevel",
         EXISTS (SELECT 1 FROM consent) AS consented,
         co.status AS "courseStatus", co.min_level AS "minLevel", co.max_level AS "maxLevel",
         co.ends_on < (now() AT TIME ZONE 'Europe/Helsinki')::date AS ended,
         EXISTS (SELECT 1 FROM seats s
                  WHERE s.course_id = $2 AND s.client_id = $1
                    AND s.status NOT IN (${sqlInList(SEAT_STATUSES_NEVER_TAKEN)})) AS seated
    FROM (SELECT 1) AS always_one_row
    LEFT JOIN clients cl ON cl.id = $1
    LEFT JOIN courses co ON co.id = $2`,
} as const;

export async function readBookingFacts(
  manager: EntityManager,
  clientId: string,
  courseId: string,
): Promise<BookingFacts> {
  const [facts] = await queryPrepared<BookingFacts>(manager, BOOKING_FACTS, [clientId, courseId]);
  return facts;
}

/**
 * Takes a place with the guarded UPDATE and inserts the seat, in one statement: of two
 * bookings racing for the last place one updates no row and so inserts no seat. The
 * courses_seats_taken_within_seats CHECK and the one-seat-per-client unique index stand
 * behind it. Returns no row when no place was taken.
 */
export const TAKE_PLACE_AND_SEAT = {
  name: 'seat-booking-take-place',
  text: `
  WITH place AS (
    UPDATE courses SET seats_taken = seats_taken + 1
     WHERE id = $2 AND status = 'published' AND seats_taken < seats
     RETURNING id
  )
  INSERT INTO seats (id, course_id, client_id, booked_by, level_override_reason)
  SELECT $1, place.id, $3, $4, $5 FROM place
  RETURNING id, course_id AS "courseId", client_id AS "clientId", status,
            booked_by AS "bookedBy", booked_at AS "bookedAt",
            level_override_reason AS "levelOverrideReason", status_changed_at AS "statusChangedAt"`,
} as const;
