import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TestKind } from '@kotoportti/model';
import { Actor, AuditService, Conflict, NotFound } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { lockedBooking } from './booking-access';
import { takePlace } from './take-place';
import { TestBookingView } from './test-booking.view';
import { TestBookingsService } from './test-bookings.service';

/** Moving a booking to another time, for the client's office. */
@Injectable()
export class RebookingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly bookings: TestBookingsService,
  ) {}

  /**
   * Moves a booking to another session of the same kind: the old one is cancelled and the
   * new one taken in one transaction, so the client never holds two bookings, nor none.
   */
  async rebook(
    actor: Actor,
    id: string,
    newSessionId: string,
    requestId?: string,
  ): Promise<TestBookingView> {
    const newId = await this.db.transaction(async (manager) => {
      // The consent, then both sessions in id order, then the booking: the order of every
      // path, so neither two opposite moves nor a session cancellation can deadlock with us.
      const { booking: old, hasConsent } = await lockedBooking(manager, actor, id, (seen) => [
        seen.session_id,
        newSessionId,
      ]);
      if (old.status !== 'booked') {
        throw new Conflict('booking-not-active', `The booking is already ${old.status}`);
      }
      if (old.started) throw new Conflict('session-in-past', 'The session has already begun');
      if (old.session_id === newSessionId) {
        throw new Conflict('same-session', 'The booking is already in that session');
      }
      const target: Array<{ kind: TestKind }> = await manager.query(
        `SELECT kind FROM test_sessions WHERE id = $1`,
        [newSessionId],
      );
      if (!target[0]) throw new NotFound('Test session');
      if (target[0].kind !== old.kind) {
        throw new Conflict(
          'kind-mismatch',
          `A ${old.kind} booking moves only to a ${old.kind} session`,
        );
      }
      if (!hasConsent) {
        throw new Conflict('consent-missing', 'The client has no consent on record');
      }
      await manager.query(
        `UPDATE test_bookings
            SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2,
                cancel_reason = 'rebooked'
          WHERE id = $1`,
        [id, actor.userId],
      );
      await manager.query(
        `UPDATE test_sessions SET booked_count = booked_count - 1
          WHERE id = $1 AND status = 'scheduled'`,
        [old.session_id],
      );
      const taken = await takePlace(manager, {
        sessionId: newSessionId,
        clientId: old.client_id,
        interpreterLanguage: old.interpreter_language,
        bookedBy: actor.userId,
        rebookedFromId: id,
      });
      await this.audit.record(
        {
          actor,
          action: 'test-booking.rebook',
          entityType: 'test-booking',
          entityId: taken.id,
          clientId: old.client_id,
          requestId,
          details: { from: id, sessionId: newSessionId },
        },
        manager,
      );
      return taken.id;
    });
    return this.bookings.find(this.db.manager, newId);
  }
}
