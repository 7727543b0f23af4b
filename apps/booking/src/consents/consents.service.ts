import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONSTRAINTS, Consent, violatedConstraint } from '@kotoportti/model';
import {
  Actor,
  AuditService,
  ClientEventPayload,
  Conflict,
  EVENT_TYPES,
  InvalidInput,
  NotFound,
  OutboxRelay,
  OutboxService,
} from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { cancelBookings } from '../test-bookings/cancel-bookings';
import { updateReturning } from '../test-bookings/update-returning';
import { helsinkiIso } from '../test-sessions/helsinki-time';
import { ConsentView, GiveConsentDto, WithdrawnConsentView } from './consent.dto';

/** A clock a few minutes fast on the official's machine must not refuse a consent. */
const CLOCK_SKEW_MS = 5 * 60_000;

function toView(consent: Consent): ConsentView {
  return {
    id: consent.id,
    clientId: consent.clientId,
    givenAt: helsinkiIso(consent.givenAt),
    method: consent.method,
    recordedBy: consent.recordedBy,
    recordedAt: helsinkiIso(consent.recordedAt),
    withdrawnAt: consent.withdrawnAt ? helsinkiIso(consent.withdrawnAt) : null,
    withdrawnBy: consent.withdrawnBy,
  };
}

/**
 * The client's consent to data exchange (SPEC §3.1). Without it there is no booking, and
 * test centres and providers no longer see the client; the office keeps what it has.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async give(
    actor: Actor,
    clientId: string,
    input: GiveConsentDto,
    requestId?: string,
  ): Promise<ConsentView> {
    const givenAt = new Date(input.givenAt);
    if (givenAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw InvalidInput.field('givenAt', 'givenAt must not be in the future');
    }
    const consent = await this.db
      .transaction(async (manager) => {
        await this.findClient(manager, actor, clientId);
        const consents = manager.getRepository(Consent);
        const saved = await consents.save(
          consents.create({ clientId, givenAt, method: input.method, recordedBy: actor.userId }),
        );
        await this.audit.record(
          {
            actor,
            action: 'consent.create',
            entityType: 'consent',
            entityId: saved.id,
            clientId,
            requestId,
            details: { method: input.method },
          },
          manager,
        );
        return consents.findOneByOrFail({ id: saved.id });
      })
      .catch((error: unknown) => {
        if (violatedConstraint(error) === CONSTRAINTS.oneActiveConsentPerClient) {
          throw new Conflict('consent-already-given', 'The client already has a consent on record');
        }
        throw error;
      });
    return toView(consent);
  }

  /** Withdraws the active consent and cancels the test bookings that have not begun. */
  async withdraw(
    actor: Actor,
    clientId: string,
    requestId?: string,
  ): Promise<WithdrawnConsentView> {
    const result = await this.db.transaction(async (manager) => {
      const officeId = await this.findClient(manager, actor, clientId);
      const withdrawn = await updateReturning<{ id: string }>(
        manager,
        `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2
          WHERE client_id = $1 AND withdrawn_at IS NULL RETURNING id`,
        [clientId, actor.userId],
      );
      if (withdrawn.length === 0) {
        throw new Conflict('consent-missing', 'The client has no consent on record to withdraw');
      }
      const bookings = await cancelBookings(
        manager,
        { outbox: this.outbox, audit: this.audit },
        actor,
        {
          target: { clientIdNotStarted: clientId },
          reason: 'consent withdrawn',
          cause: 'consent-withdrawn',
          requestId,
        },
      );
      await this.outbox.record(manager, {
        type: EVENT_TYPES.consentWithdrawn,
        aggregateType: 'client',
        aggregateId: clientId,
        payload: { clientId, officeId } satisfies ClientEventPayload,
      });
      await this.audit.record(
        {
          actor,
          action: 'consent.withdraw',
          entityType: 'consent',
          entityId: withdrawn[0].id,
          clientId,
          requestId,
          details: { cancelledBookingIds: bookings.map((booking) => booking.id) },
        },
        manager,
      );
      const consent = await manager.getRepository(Consent).findOneByOrFail({ id: withdrawn[0].id });
      return { consent, cancelledBookingIds: bookings.map((booking) => booking.id) };
    });
    this.relay.kick();
    return { ...toView(result.consent), cancelledBookingIds: result.cancelledBookingIds };
  }

  /** The client's consents, newest first: the history stays after a withdrawal. */
  async history(actor: Actor, clientId: string, requestId?: string): Promise<ConsentView[]> {
    await this.findClient(this.db.manager, actor, clientId);
    const consents = await this.db
      .getRepository(Consent)
      .find({ where: { clientId }, order: { recordedAt: 'DESC' } });
    await this.audit.record({
      actor,
      action: 'consent.read',
      entityType: 'client',
      entityId: clientId,
      clientId,
      requestId,
    });
    return consents.map(toView);
  }

  /** The client's office, or 404 when the client is not the official's office's. */
  private async findClient(
    manager: EntityManager,
    actor: Actor,
    clientId: string,
  ): Promise<string> {
    const scope = actor.role === 'admin' ? null : actor.organisationId;
    const rows: Array<{ office_id: string }> = await manager.query(
      `SELECT office_id FROM clients WHERE id = $1 AND ($2::uuid IS NULL OR office_id = $2)`,
      [clientId, scope],
    );
    if (rows.length === 0) throw new NotFound('Client');
    return rows[0].office_id;
  }
}
