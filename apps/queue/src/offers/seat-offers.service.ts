import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONSTRAINTS, violatedConstraint } from '@kotoportti/model';
import {
  AuditService,
  Conflict,
  EVENT_TYPES,
  NotFound,
  OutboxRelay,
  OutboxService,
  type Actor,
  type SeatEventPayload,
} from '@kotoportti/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { acceptsBookings, lockCourse, type CourseForQueue } from '../candidates/course-for-queue';
import { lockClient } from '../entries/client-lock';
import { WaitingListService } from '../entries/waiting-list.service';
import { OfferPlacement } from './offer-placement';
import { closeOffer, lockOffer, readOffer, type OfferRow } from './offer-rows';

const LIST_SQL = `
  SELECT o.id, o.course_id AS "courseId", c.name AS "courseName", c.starts_on AS "courseStartsOn",
         o.client_id AS "clientId", cl.first_name AS "firstName", cl.last_name AS "lastName",
         o.status, o.offered_at AS "offeredAt", o.expires_at AS "expiresAt",
         o.decline_reason AS "declineReason", o.decided_at AS "decidedAt", o.seat_id AS "seatId"
    FROM seat_offers o JOIN clients cl ON cl.id = o.client_id JOIN courses c ON c.id = o.course_id
   WHERE ($1::uuid IS NULL OR cl.office_id = $1) AND ($2::text IS NULL OR o.status = $2)
   ORDER BY o.offered_at DESC LIMIT 500`;

/** The office's side of a seat offer: see it, book it, or decline it with a reason. */
@Injectable()
export class SeatOffersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly placement: OfferPlacement,
    private readonly waitingList: WaitingListService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async list(actor: Actor, status: string | undefined, requestId?: string) {
    const scope = actor.role === 'admin' ? null : actor.organisationId;
    const rows: Array<{ id: string; clientId: string }> = await this.db.query(LIST_SQL, [
      scope,
      status ?? null,
    ]);
    await this.audit.record({
      actor,
      action: 'seat-offer.list',
      entityType: 'seat-offer',
      entityId: 'list',
      requestId,
      details: { offerIds: rows.map((row) => row.id), clientIds: rows.map((row) => row.clientId) },
    });
    return rows;
  }

  /** Turns the held place into a reserved seat: the hold becomes the seat, seats_taken stays. */
  async book(actor: Actor, offerId: string, requestId?: string) {
    let seatId: string;
    try {
      seatId = await this.db.transaction(async (manager) => {
        const { offer, course } = await this.lockOpen(manager, actor, offerId);
        if (offer.expired) throw new Conflict('offer-expired', 'The offer has expired');
        if (!acceptsBookings(course))
          throw new Conflict('course-closed', 'The course takes no bookings');
        await this.checkClient(manager, offer);
        const id = await this.insertSeat(manager, actor, offer);
        await closeOffer(manager, offerId, { status: 'accepted', by: actor.userId, seatId: id });
        await this.record(manager, actor, 'seat-offer.accept', offer, requestId, { seatId: id });
        await this.waitingList.reconcile(manager, offer.entryId, '0');
        return id;
      });
    } catch (error) {
      if (violatedConstraint(error) === CONSTRAINTS.oneSeatPerClientAndCourse) {
        throw new Conflict('already-seated', 'The client already holds a seat on this course');
      }
      throw error;
    }
    this.relay.kick();
    return { offerId, status: 'accepted', seatId };
  }

  /** The office says no; the place goes to the next in line at once. */
  async decline(actor: Actor, offerId: string, reason: string, requestId?: string) {
    const next = await this.db.transaction(async (manager) => {
      const { offer, course } = await this.lockOpen(manager, actor, offerId);
      await closeOffer(manager, offerId, { status: 'declined', reason, by: actor.userId });
      await this.record(manager, actor, 'seat-offer.decline', offer, requestId, { reason });
      return this.placement.passOn(manager, course);
    });
    return { offerId, status: 'declined', declineReason: reason, nextOfferId: next };
  }

  private async lockOpen(
    manager: EntityManager,
    actor: Actor,
    offerId: string,
  ): Promise<{ offer: OfferRow; course: CourseForQueue }> {
    const found = await readOffer(manager, offerId);
    if (!found || (actor.role !== 'admin' && found.officeId !== actor.organisationId)) {
      throw new NotFound('Seat offer');
    }
    const course = await lockCourse(manager, found.courseId);
    const offer = await lockOffer(manager, offerId);
    if (!course || !offer) throw new NotFound('Seat offer');
    if (offer.status !== 'open') {
      throw new Conflict('offer-not-open', `The offer is already ${offer.status}`, {
        status: offer.status,
      });
    }
    return { offer, course };
  }

  /** Still waiting and still consenting: consent is held FOR SHARE until the seat commits. */
  private async checkClient(manager: EntityManager, offer: OfferRow): Promise<void> {
    await lockClient(manager, offer.clientId);
    const consent: unknown[] = await manager.query(
      `SELECT 1 FROM consents WHERE client_id = $1 AND withdrawn_at IS NULL FOR SHARE`,
      [offer.clientId],
    );
    if (consent.length === 0) {
      throw new Conflict(
        'consent-missing',
        'The client’s consent to data exchange is not on record',
      );
    }
    const waiting: unknown[] = await manager.query(
      `SELECT 1 FROM waiting_list_entries WHERE id = $1 AND status = 'waiting'`,
      [offer.entryId],
    );
    if (waiting.length === 0) {
      throw new Conflict('entry-not-waiting', 'The client is no longer waiting in the queue');
    }
  }

  private async insertSeat(manager: EntityManager, actor: Actor, offer: OfferRow): Promise<string> {
    const seatId = randomUUID();
    await manager.query(
      `INSERT INTO seats (id, course_id, client_id, booked_by) VALUES ($1, $2, $3, $4)`,
      [seatId, offer.courseId, offer.clientId, actor.userId],
    );
    await this.audit.record(
      {
        actor,
        action: 'seat.create',
        entityType: 'seat',
        entityId: seatId,
        clientId: offer.clientId,
        details: { courseId: offer.courseId, offerId: offer.id },
      },
      manager,
    );
    await this.outbox.record(manager, {
      type: EVENT_TYPES.seatBooked,
      aggregateType: 'seat',
      aggregateId: seatId,
      payload: {
        seatId,
        courseId: offer.courseId,
        clientId: offer.clientId,
        status: 'reserved',
      } satisfies SeatEventPayload,
    });
    return seatId;
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    offer: OfferRow,
    requestId: string | undefined,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        actor,
        action,
        entityType: 'seat-offer',
        entityId: offer.id,
        clientId: offer.clientId,
        requestId,
        details: { courseId: offer.courseId, ...details },
      },
      manager,
    );
  }
}
