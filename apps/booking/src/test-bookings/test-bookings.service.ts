import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TargetLanguage, TestKind, TestSessionStatus } from '@kotoportti/model';
import {
  Actor,
  AuditService,
  Conflict,
  DomainError,
  NotFound,
  OutboxRelay,
  OutboxService,
  queryPrepared,
} from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { activeConsentSql } from '../consents/active-consent';
import { lockedBooking, visibleBooking } from './booking-access';
import { BOOKING_CONTEXT } from './booking-sql';
import { cancelBookings } from './cancel-bookings';
import { takePlace } from './take-place';
import { CreateTestBookingDto } from './test-booking.dto';
import {
  BOOKING_SELECT,
  TestBookingRow,
  TestBookingView,
  toBookingView,
} from './test-booking.view';

/** What booking needs to know, read in one query that also shared-locks the consent. */
interface BookingContext {
  first_name: string;
  last_name: string;
  birth_date: string;
  client_interpreter_language: string | null;
  has_consent: boolean;
  session_id: string | null;
  kind: TestKind;
  starts_at: Date;
  ends_at: Date;
  session_status: TestSessionStatus;
  session_cancel_reason: string | null;
  started: boolean;
  test_centre_id: string;
  test_centre_name: string;
  target_language: TargetLanguage;
  location: string;
  address: string;
  already_booked: boolean;
}

/** Officials act for their own office's clients; admins for anyone's. */
function officeScope(actor: Actor): string | null {
  return actor.role === 'admin' ? null : actor.organisationId;
}

@Injectable()
export class TestBookingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * SPEC §3.2 in one transaction: client of the office, consent on record, session open
   * and in the future, no active booking of the kind, a free place.
   */
  async book(
    actor: Actor,
    sessionId: string,
    input: CreateTestBookingDto,
    requestId?: string,
  ): Promise<TestBookingView> {
    const booking = this.db.transaction(async (manager) => {
      const context = await this.context(manager, actor, sessionId, input.clientId);
      const interpreterLanguage =
        input.interpreterLanguage === undefined
          ? context.client_interpreter_language
          : input.interpreterLanguage;
      const taken = await takePlace(manager, {
        sessionId,
        clientId: input.clientId,
        interpreterLanguage,
        bookedBy: actor.userId,
        rebookedFromId: null,
      });
      await this.audit.record(
        {
          actor,
          action: 'test-booking.create',
          entityType: 'test-booking',
          entityId: taken.id,
          clientId: input.clientId,
          requestId,
          details: { sessionId },
        },
        manager,
      );
      return toBookingView({
        ...context,
        id: taken.id,
        session_id: sessionId,
        client_id: input.clientId,
        status: 'booked',
        interpreter_language: interpreterLanguage,
        booked_by: actor.userId,
        booked_at: taken.booked_at,
        cancelled_at: null,
        cancel_reason: null,
        attendance_marked_at: null,
        rebooked_from_id: null,
      });
    });
    return booking.catch((error: unknown) =>
      this.preferAlreadyBooked(error, input.clientId, sessionId),
    );
  }

  /**
   * Two requests of one client for one session both pass the checks; the database then
   * refuses the second by whichever constraint it meets first. An overlap with a booking of
   * the same kind is, for the office, "already booked". Asked after the rollback, because
   * the failed transaction can answer no more queries.
   */
  private async preferAlreadyBooked(
    error: unknown,
    clientId: string,
    sessionId: string,
  ): Promise<never> {
    if (error instanceof DomainError && error.code === 'booking-overlaps') {
      const sameKind: unknown[] = await this.db.query(
        `SELECT 1 FROM test_bookings b JOIN test_sessions s ON s.id = $2
          WHERE b.client_id = $1 AND b.kind = s.kind AND b.status = 'booked'`,
        [clientId, sessionId],
      );
      if (sameKind.length > 0) {
        throw new Conflict(
          'already-booked',
          'The client already has an active booking of this kind',
        );
      }
    }
    throw error;
  }

  async cancel(
    actor: Actor,
    id: string,
    reason: string | undefined,
    requestId?: string,
  ): Promise<TestBookingView> {
    await this.db.transaction(async (manager) => {
      const { booking } = await lockedBooking(manager, actor, id);
      if (booking.status !== 'booked') {
        throw new Conflict('booking-not-active', `The booking is already ${booking.status}`);
      }
      // A session that is over but whose attendance nobody marked may be closed by cancelling,
      // or the client could never be booked for that kind of test again.
      if (booking.started && !booking.ended) {
        throw new Conflict('session-in-past', 'The session is under way');
      }
      await cancelBookings(manager, { outbox: this.outbox, audit: this.audit }, actor, {
        target: { bookingId: id },
        reason: reason ?? null,
        cause: 'cancelled',
        requestId,
      });
    });
    this.relay.kick();
    return this.find(this.db.manager, id);
  }

  async get(actor: Actor, id: string, requestId?: string): Promise<TestBookingView> {
    const booking = await visibleBooking(this.db.manager, actor, id);
    await this.audit.record({
      actor,
      action: 'test-booking.read',
      entityType: 'test-booking',
      entityId: id,
      clientId: booking.client_id,
      requestId,
    });
    return this.find(this.db.manager, id);
  }

  /**
   * The bookings of one session: a tester sees the centre's own sessions, and only the
   * clients whose consent is on record; an official sees only the office's own clients.
   */
  async forSession(
    actor: Actor,
    sessionId: string,
    requestId?: string,
  ): Promise<TestBookingView[]> {
    const centre = actor.role === 'tester' ? actor.organisationId : null;
    const sessions: unknown[] = await this.db.query(
      `SELECT 1 FROM test_sessions WHERE id = $1 AND ($2::uuid IS NULL OR test_centre_id = $2)`,
      [sessionId, centre],
    );
    if (sessions.length === 0) throw new NotFound('Test session');
    const office = actor.role === 'official' ? actor.organisationId : null;
    const rows: TestBookingRow[] = await this.db.query(
      `${BOOKING_SELECT}
        WHERE b.session_id = $1 AND ($2::uuid IS NULL OR c.office_id = $2)
          AND (NOT $3 OR ${activeConsentSql('b.client_id')})
        ORDER BY c.last_name, c.first_name, b.booked_at`,
      [sessionId, office, actor.role === 'tester'],
    );
    await this.audit.record({
      actor,
      action: 'test-booking.list',
      entityType: 'test-session',
      entityId: sessionId,
      requestId,
      details: {
        bookingIds: rows.map((row) => row.id),
        clientIds: rows.map((row) => row.client_id),
      },
    });
    return rows.map(toBookingView);
  }

  /** A client's bookings, newest first, for the client's own office. */
  async forClient(actor: Actor, clientId: string, requestId?: string): Promise<TestBookingView[]> {
    const clients: unknown[] = await this.db.query(
      `SELECT 1 FROM clients WHERE id = $1 AND ($2::uuid IS NULL OR office_id = $2)`,
      [clientId, officeScope(actor)],
    );
    if (clients.length === 0) throw new NotFound('Client');
    const rows: TestBookingRow[] = await this.db.query(
      `${BOOKING_SELECT} WHERE b.client_id = $1 ORDER BY b.starts_at DESC`,
      [clientId],
    );
    await this.audit.record({
      actor,
      action: 'test-booking.list',
      entityType: 'client',
      entityId: clientId,
      clientId,
      requestId,
      details: { bookingIds: rows.map((row) => row.id) },
    });
    return rows.map(toBookingView);
  }

  /** For services that already checked access and audited: the booking as the API shows it. */
  async find(manager: EntityManager, id: string): Promise<TestBookingView> {
    const rows: TestBookingRow[] = await manager.query(`${BOOKING_SELECT} WHERE b.id = $1`, [id]);
    if (!rows[0]) throw new NotFound('Test booking');
    return toBookingView(rows[0]);
  }

  /** Reads everything the booking rules need and refuses, in the order the office needs. */
  private async context(
    manager: EntityManager,
    actor: Actor,
    sessionId: string,
    clientId: string,
  ): Promise<BookingContext> {
    const rows = await queryPrepared<BookingContext>(manager, BOOKING_CONTEXT, [
      clientId,
      sessionId,
      officeScope(actor),
    ]);
    const context = rows[0];
    if (!context) throw new NotFound('Client');
    if (!context.session_id) throw new NotFound('Test session');
    if (!context.has_consent) {
      throw new Conflict('consent-missing', 'Record the client’s consent before booking a test');
    }
    if (context.session_status === 'cancelled') {
      throw new Conflict('session-cancelled', 'The session has been cancelled');
    }
    if (context.started) throw new Conflict('session-in-past', 'The session has already begun');
    if (context.already_booked) {
      throw new Conflict('already-booked', 'The client already has an active booking of this kind');
    }
    return context;
  }
}
