import type { TestKind } from '@kotoportti/model';
import type { Actor, AuditService, OutboxService } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { lockSessions } from './booking-access';
import { BookingCancelCause, recordBookingCancelled } from './test-booking-events';

export interface CancelledBooking {
  id: string;
  session_id: string;
  client_id: string;
  office_id: string;
  kind: TestKind;
}

export interface CancelBookings {
  /** Which active bookings: one, a session's, or all of a client's that have not begun. */
  target: { bookingId: string } | { sessionId: string } | { clientIdNotStarted: string };
  reason: string | null;
  cause: BookingCancelCause;
  requestId?: string;
}

/**
 * Cancels active bookings and frees their places in the same statement, so a place is never
 * counted as taken by a booking that no longer exists; then records events and audit. Their
 * sessions are locked first, in id order, as every path locks a session before its bookings
 * (see lockedBooking); the caller already holds whatever lock comes before them (the
 * consent's, for a withdrawal), so that no booking joins the target meanwhile.
 */
export async function cancelBookings(
  manager: EntityManager,
  services: { outbox: OutboxService; audit: AuditService },
  actor: Actor,
  command: CancelBookings,
): Promise<CancelledBooking[]> {
  const [filter, id] = targetFilter(command.target);
  const sessions: Array<{ session_id: string }> = await manager.query(
    `SELECT DISTINCT b.session_id FROM test_bookings b WHERE ${filter} AND b.status = 'booked'`,
    [id],
  );
  await lockSessions(
    manager,
    sessions.map((row) => row.session_id),
  );
  const rows: CancelledBooking[] = await manager.query(
    `WITH cancelled AS (
       UPDATE test_bookings b
          SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2, cancel_reason = $3
        WHERE ${filter} AND b.status = 'booked'
        RETURNING b.id, b.session_id, b.client_id, b.kind
     ), freed AS (
       UPDATE test_sessions s SET booked_count = s.booked_count - n.places
         FROM (SELECT session_id, count(*)::int AS places FROM cancelled GROUP BY session_id) n
        WHERE s.id = n.session_id AND s.status = 'scheduled'
     )
     SELECT cancelled.*, c.office_id
       FROM cancelled JOIN clients c ON c.id = cancelled.client_id`,
    [id, actor.userId, command.reason],
  );
  for (const booking of rows) {
    await recordBookingCancelled(services.outbox, manager, {
      bookingId: booking.id,
      sessionId: booking.session_id,
      clientId: booking.client_id,
      officeId: booking.office_id,
      kind: booking.kind,
      cause: command.cause,
    });
    await services.audit.record(
      {
        actor,
        action: 'test-booking.cancel',
        entityType: 'test-booking',
        entityId: booking.id,
        clientId: booking.client_id,
        requestId: command.requestId,
        details: { cause: command.cause, sessionId: booking.session_id },
      },
      manager,
    );
  }
  return rows;
}

function targetFilter(target: CancelBookings['target']): [string, string] {
  if ('bookingId' in target) return ['b.id = $1', target.bookingId];
  if ('sessionId' in target) return ['b.session_id = $1', target.sessionId];
  return ['b.client_id = $1 AND b.starts_at > now()', target.clientIdNotStarted];
}
