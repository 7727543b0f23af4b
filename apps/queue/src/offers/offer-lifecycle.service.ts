import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditService,
  type CourseCancelledEventPayload,
  type SeatEventPayload,
} from '@kotoportti/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { lockCourse } from '../candidates/course-for-queue';
import { lockClients } from '../entries/client-lock';
import { prepared } from '../entries/prepared';
import { WaitingListService } from '../entries/waiting-list.service';
import { OfferPlacement } from './offer-placement';
import { closeOffer, lockOffer } from './offer-rows';

/**
 * What seats and courses do to offers: a released place is offered to the head of the queue,
 * a direct booking of the offered client ends the offer, a cancelled course closes its offers,
 * and an offer that lapsed or whose client left the queue passes to the next in line.
 * Locks: the course, then offers, then clients.
 */
@Injectable()
export class OfferLifecycleService {
  private readonly logger = new Logger('seat-offers');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly placement: OfferPlacement,
    private readonly waitingList: WaitingListService,
    private readonly audit: AuditService,
  ) {}

  /** The client returns to the queue (when the rules say so), then the place is offered. */
  async seatReleased(manager: EntityManager, version: string, seat: SeatEventPayload) {
    const course = await lockCourse(manager, seat.courseId);
    await this.waitingList.reconcileClient(manager, seat.clientId, version);
    if (course) await this.placement.offerFreedPlace(manager, course);
  }

  /** Booked straight from the course page while offered: the offer is done, its hold freed. */
  async seatBooked(manager: EntityManager, version: string, seat: SeatEventPayload) {
    const open = await prepared<{ id: string }>(
      manager,
      'queue.open-offer-of-seat',
      `SELECT id FROM seat_offers WHERE course_id = $1 AND client_id = $2 AND status = 'open'`,
      [seat.courseId, seat.clientId],
    );
    if (open.length > 0) {
      await lockCourse(manager, seat.courseId);
      await lockOffer(manager, open[0].id);
      if (await closeOffer(manager, open[0].id, { status: 'accepted', seatId: seat.seatId })) {
        await this.placement.releaseHolds(manager, seat.courseId, 1);
      }
    }
    await this.waitingList.reconcileClient(manager, seat.clientId, version);
  }

  /** Its offers lapse and their holds go; its clients return to the queue. */
  async courseCancelled(
    manager: EntityManager,
    version: string,
    event: CourseCancelledEventPayload,
  ) {
    await lockCourse(manager, event.courseId);
    const closed: Array<{ id: string; client_id: string }> = await manager.query(
      `WITH closed AS (
         UPDATE seat_offers SET status = 'expired', decline_reason = 'course-cancelled',
                                decided_at = now()
          WHERE course_id = $1 AND status = 'open'
         RETURNING id, client_id)
       SELECT id, client_id FROM closed`,
      [event.courseId],
    );
    await this.placement.releaseHolds(manager, event.courseId, closed.length);
    const clientIds = [...new Set(event.seats.map((seat) => seat.clientId))];
    await lockClients(manager, clientIds);
    await this.waitingList.reconcileClients(
      manager,
      clientIds.map((clientId) => ({ version, facts: clientId })),
    );
  }

  /**
   * Offers past their time, or whose client is no longer waiting (placed elsewhere, removed),
   * pass to the next in line. One transaction per offer, so one failure stops nothing else.
   */
  async sweep(): Promise<number> {
    const due: Array<{ id: string; course_id: string }> = await this.db.query(
      `SELECT o.id, o.course_id FROM seat_offers o
        WHERE o.status = 'open'
          AND (o.expires_at <= now() OR NOT EXISTS (
                SELECT 1 FROM waiting_list_entries e WHERE e.id = o.entry_id AND e.status = 'waiting'))
        ORDER BY o.expires_at`,
    );
    let passed = 0;
    for (const offer of due) {
      if (await this.db.transaction((manager) => this.lapse(manager, offer.id, offer.course_id))) {
        passed += 1;
      }
    }
    if (passed > 0) this.logger.log(`${passed} seat offer(s) passed to the next in line`);
    return passed;
  }

  private async lapse(manager: EntityManager, offerId: string, courseId: string): Promise<boolean> {
    const course = await lockCourse(manager, courseId);
    const offer = await lockOffer(manager, offerId);
    if (!course || !offer || offer.status !== 'open') return false;
    const waiting: unknown[] = await manager.query(
      `SELECT 1 FROM waiting_list_entries WHERE id = $1 AND status = 'waiting'`,
      [offer.entryId],
    );
    if (!offer.expired && waiting.length > 0) return false;
    const reason = offer.expired ? 'expired' : 'client-no-longer-waiting';
    await closeOffer(manager, offerId, { status: 'expired', reason });
    await this.audit.record(
      {
        actor: null,
        action: 'seat-offer.expire',
        entityType: 'seat-offer',
        entityId: offerId,
        clientId: offer.clientId,
        details: { courseId, reason },
      },
      manager,
    );
    await this.placement.passOn(manager, course);
    return true;
  }
}
