import { CONSTRAINTS, violatedConstraint } from '@kotoportti/model';
import { Conflict, NotFound, queryPrepared } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { TAKE_PLACE } from './booking-sql';

export interface NewBooking {
  sessionId: string;
  clientId: string;
  interpreterLanguage: string | null;
  bookedBy: string;
  rebookedFromId: string | null;
}

export interface TakenPlace {
  id: string;
  booked_at: Date;
}

/**
 * Takes a place and inserts the booking in one statement. The guarded UPDATE row-locks the
 * session until commit and only succeeds while a place is free, so concurrent bookings
 * cannot overfill it; the unique index and the exclusion constraint refuse a second active
 * booking of the kind and overlapping bookings even when two requests pass every check at
 * once. A refusal raises a domain error, which rolls the whole transaction back. `manager` is
 * a transaction's.
 */
export async function takePlace(manager: EntityManager, booking: NewBooking): Promise<TakenPlace> {
  let rows: TakenPlace[];
  try {
    rows = await queryPrepared<TakenPlace>(manager, TAKE_PLACE, [
      booking.sessionId,
      booking.clientId,
      booking.interpreterLanguage,
      booking.bookedBy,
      booking.rebookedFromId,
    ]);
  } catch (error) {
    throw bookingRefusal(error) ?? error;
  }
  if (rows.length === 0) return explainNoPlace(manager, booking.sessionId);
  return rows[0];
}

/** The constraint violations that are the user's conflict, not our failure. */
const REFUSALS: Record<string, () => Conflict> = {
  [CONSTRAINTS.oneActiveTestBookingPerKind]: () =>
    new Conflict('already-booked', 'The client already has an active booking of this kind'),
  [CONSTRAINTS.testBookingsNoOverlap]: () =>
    new Conflict('booking-overlaps', 'The client has another booking at that time'),
  [CONSTRAINTS.testBookingRebookedOnce]: () =>
    new Conflict('booking-not-active', 'The booking was already moved'),
};

export function bookingRefusal(error: unknown): Conflict | undefined {
  const constraint = violatedConstraint(error);
  return constraint && Object.hasOwn(REFUSALS, constraint) ? REFUSALS[constraint]() : undefined;
}

/** Why the guarded UPDATE found no place: said precisely, so the office knows what to do. */
async function explainNoPlace(manager: EntityManager, sessionId: string): Promise<never> {
  const rows: Array<{ status: string; started: boolean }> = await manager.query(
    `SELECT status, starts_at <= now() AS started FROM test_sessions WHERE id = $1`,
    [sessionId],
  );
  const session = rows[0];
  if (!session) throw new NotFound('Test session');
  if (session.status === 'cancelled') {
    throw new Conflict('session-cancelled', 'The session has been cancelled');
  }
  if (session.started) throw new Conflict('session-in-past', 'The session has already begun');
  throw new Conflict('session-full', 'The session has no places left');
}
