import type { TestKind } from '@kotoportti/model';
import { EVENT_TYPES, OutboxService } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';

/** Why a booking ended before the test: the office shows this beside the booking. */
export type BookingCancelCause = 'cancelled' | 'session-cancelled' | 'consent-withdrawn';

/** Payload of test-booking.cancelled: ids and codes, never names. */
export interface BookingCancelledPayload {
  bookingId: string;
  sessionId: string;
  clientId: string;
  officeId: string;
  kind: TestKind;
  cause: BookingCancelCause;
}

/** Payload of test-session.cancelled. */
export interface SessionCancelledPayload {
  sessionId: string;
  testCentreId: string;
  cancelledBookingIds: string[];
}

export function recordBookingCancelled(
  outbox: OutboxService,
  manager: EntityManager,
  payload: BookingCancelledPayload,
): Promise<string> {
  return outbox.record(manager, {
    type: EVENT_TYPES.testBookingCancelled,
    aggregateType: 'test-booking',
    aggregateId: payload.bookingId,
    payload: { ...payload },
  });
}
