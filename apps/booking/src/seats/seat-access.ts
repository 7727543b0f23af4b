import type { SeatStatus } from '@kotoportti/model';
import { NotFound, type Actor } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { lockActiveConsent } from '../consents/active-consent';
import { organisationScope } from '../courses/organisation-scope';

/**
 * What decides who may see a seat: the course's provider, the client's office, and whether
 * the client's consent to data exchange is on record.
 */
export interface SeatOwnership {
  providerId: string;
  officeId: string;
  hasConsent: boolean;
}

/**
 * Providers reach seats on their own courses, and only while the client's consent is on
 * record, as testers do; officials the seats of their own office's clients, consent or not:
 * what was reported stays with the office (SPEC §1). Anything else is 404, as if the seat
 * did not exist.
 */
export function assertMaySee<T extends SeatOwnership>(
  actor: Actor,
  seat: T | undefined,
): asserts seat is T {
  const scope = organisationScope(actor);
  const visible =
    seat !== undefined &&
    (scope === null ||
      (actor.role === 'provider' && seat.providerId === scope && seat.hasConsent) ||
      (actor.role === 'official' && seat.officeId === scope));
  if (!visible) throw new NotFound('Seat');
}

/** A seat locked for a report, with its owners and the day its course starts. */
export interface LockedSeat extends SeatOwnership {
  id: string;
  courseId: string;
  clientId: string;
  status: SeatStatus;
  courseStartsOn: string;
  courseEndsOn: string;
}

/**
 * The seat locked for a report. The course row is locked before the seat, in the order the
 * course cancellation locks them, so the two never deadlock; bookings lock no existing seat.
 * The client's active consent is then shared-locked until commit: a withdrawal waits for the
 * report, and a withdrawal that committed first is seen, so no report slips in after it.
 */
export async function lockSeat(
  manager: EntityManager,
  seatId: string,
): Promise<LockedSeat | undefined> {
  const courses: Array<{ id: string; provider_id: string; starts_on: string; ends_on: string }> =
    await manager.query(
      `SELECT id, provider_id, starts_on, ends_on FROM courses
        WHERE id = (SELECT course_id FROM seats WHERE id = $1)
        FOR NO KEY UPDATE`,
      [seatId],
    );
  if (courses.length === 0) return undefined;
  const seats: Array<{ client_id: string; status: SeatStatus; office_id: string }> =
    await manager.query(
      `SELECT s.client_id, s.status, c.office_id
         FROM seats s JOIN clients c ON c.id = s.client_id
        WHERE s.id = $1 FOR UPDATE OF s`,
      [seatId],
    );
  const hasConsent = await lockActiveConsent(manager, seats[0].client_id);
  const [course] = courses;
  return {
    id: seatId,
    courseId: course.id,
    clientId: seats[0].client_id,
    status: seats[0].status,
    providerId: course.provider_id,
    officeId: seats[0].office_id,
    hasConsent,
    courseStartsOn: course.starts_on,
    courseEndsOn: course.ends_on,
  };
}
