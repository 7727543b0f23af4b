import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONSTRAINTS, TestSession, TestSessionSeries, violatedConstraint } from '@kotoportti/model';
import {
  Actor,
  AuditService,
  Conflict,
  EVENT_TYPES,
  InvalidInput,
  NotFound,
  OutboxRelay,
  OutboxService,
} from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { cancelBookings } from '../test-bookings/cancel-bookings';
import { SessionCancelledPayload } from '../test-bookings/test-booking-events';
import { updateReturning } from '../test-bookings/update-returning';
import { addDays, fromHelsinki, toHelsinki } from './helsinki-time';
import { CreateTestSessionDto, ListTestSessionsDto } from './test-session.dto';
import {
  SESSION_COLUMNS,
  TestSessionRow,
  TestSessionSeriesView,
  TestSessionView,
  toSessionView,
} from './test-session.view';
import { checkTimes, lastDateOf } from './session-times';
import { expandWeekly, Occurrence, patternOf } from './weekly-pattern';

const DEFAULT_LIST_LIMIT = 200;

/** Testers see their own centre's sessions; officials and admins every centre's. */
function centreScope(actor: Actor): string | null {
  return actor.role === 'tester' ? actor.organisationId : null;
}

@Injectable()
export class TestSessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async create(
    actor: Actor,
    input: CreateTestSessionDto,
    requestId?: string,
  ): Promise<TestSessionView | TestSessionSeriesView> {
    const centreId = actor.organisationId;
    if (!centreId) {
      throw InvalidInput.field('testCentreId', 'only a tester of a test centre publishes sessions');
    }
    const first = checkTimes(input);
    const lastDate = input.repeat ? lastDateOf(input, first) : undefined;
    const occurrences = lastDate
      ? expandWeekly(patternOf(first.startsAt, first.endsAt, lastDate))
      : [first];

    const ids = await this.db
      .transaction(async (manager) => {
        const seriesId = lastDate
          ? await this.insertSeries(manager, actor, centreId, first, lastDate)
          : null;
        const sessions = await manager.getRepository(TestSession).save(
          occurrences.map((occurrence) =>
            manager.getRepository(TestSession).create({
              testCentreId: centreId,
              seriesId,
              kind: input.kind,
              targetLanguage: input.targetLanguage,
              startsAt: occurrence.startsAt,
              endsAt: occurrence.endsAt,
              location: input.location,
              address: input.address,
              capacity: input.capacity,
              createdBy: actor.userId,
            }),
          ),
        );
        await this.audit.record(
          {
            actor,
            action: 'test-session.create',
            entityType: seriesId ? 'test-session-series' : 'test-session',
            entityId: seriesId ?? sessions[0].id,
            requestId,
            details: { sessionIds: sessions.map((session) => session.id) },
          },
          manager,
        );
        return { seriesId, sessionIds: sessions.map((session) => session.id) };
      })
      .catch((error: unknown) => {
        if (violatedConstraint(error) === CONSTRAINTS.sessionNoOverlapInRoom) {
          throw new Conflict(
            'room-occupied',
            'The room already has a scheduled session at that time',
          );
        }
        throw error;
      });

    const views = await this.findMany(ids.sessionIds);
    return ids.seriesId ? { seriesId: ids.seriesId, sessions: views } : views[0];
  }

  async list(actor: Actor, query: ListTestSessionsDto): Promise<TestSessionView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.from && query.to && query.to < query.from) {
      throw InvalidInput.field('to', 'to must not be before from');
    }
    const scope = centreScope(actor);
    if (scope) add((p) => `s.test_centre_id = ${p}`, scope);
    const centre = query.centre ?? query.centreId;
    if (centre) add((p) => `s.test_centre_id = ${p}`, centre);
    add(
      (p) => `s.starts_at >= ${p}`,
      query.from ? fromHelsinki(query.from, '00:00') : startOfToday(),
    );
    if (query.to) add((p) => `s.starts_at < ${p}`, fromHelsinki(addDays(query.to, 1), '00:00'));
    if (query.targetLanguage) add((p) => `s.target_language = ${p}`, query.targetLanguage);
    if (query.kind) add((p) => `s.kind = ${p}`, query.kind);
    if (query.available) {
      where.push(`s.status = 'scheduled' AND s.starts_at > now() AND s.booked_count < s.capacity`);
    }
    params.push(query.limit ?? DEFAULT_LIST_LIMIT);
    const rows: TestSessionRow[] = await this.db.query(
      `SELECT ${SESSION_COLUMNS}
         FROM test_sessions s JOIN organisations o ON o.id = s.test_centre_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.starts_at, s.id
        LIMIT $${params.length}`,
      params,
    );
    return rows.map(toSessionView);
  }

  async get(actor: Actor, id: string): Promise<TestSessionView> {
    const [view] = await this.findMany([id], centreScope(actor));
    if (!view) throw new NotFound('Test session');
    return view;
  }

  /** Cancels the session and every active booking in it; the offices see the reason. */
  async cancel(
    actor: Actor,
    id: string,
    reason: string,
    requestId?: string,
  ): Promise<TestSessionView> {
    const scope = centreScope(actor);
    await this.db.transaction(async (manager) => {
      const cancelled = await updateReturning<{ id: string; test_centre_id: string }>(
        manager,
        `UPDATE test_sessions
            SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), booked_count = 0
          WHERE id = $1 AND ($3::uuid IS NULL OR test_centre_id = $3)
            AND status = 'scheduled' AND starts_at > now()
          RETURNING id, test_centre_id`,
        [id, reason, scope],
      );
      if (cancelled.length === 0) await this.explainNotCancellable(manager, id, scope);
      const bookings = await cancelBookings(
        manager,
        { outbox: this.outbox, audit: this.audit },
        actor,
        { target: { sessionId: id }, reason, cause: 'session-cancelled', requestId },
      );
      await this.outbox.record(manager, {
        type: EVENT_TYPES.testSessionCancelled,
        aggregateType: 'test-session',
        aggregateId: id,
        payload: {
          sessionId: id,
          testCentreId: cancelled[0].test_centre_id,
          cancelledBookingIds: bookings.map((booking) => booking.id),
        } satisfies SessionCancelledPayload,
      });
      await this.audit.record(
        {
          actor,
          action: 'test-session.cancel',
          entityType: 'test-session',
          entityId: id,
          requestId,
          details: { cancelledBookings: bookings.length },
        },
        manager,
      );
    });
    this.relay.kick();
    return this.get(actor, id);
  }

  private async explainNotCancellable(
    manager: EntityManager,
    id: string,
    scope: string | null,
  ): Promise<never> {
    const rows: Array<{ status: string; started: boolean }> = await manager.query(
      `SELECT status, starts_at <= now() AS started FROM test_sessions
        WHERE id = $1 AND ($2::uuid IS NULL OR test_centre_id = $2)`,
      [id, scope],
    );
    const session = rows[0];
    if (!session) throw new NotFound('Test session');
    if (session.status === 'cancelled') {
      throw new Conflict('session-cancelled', 'The session is already cancelled');
    }
    throw new Conflict('session-in-past', 'The session has already started');
  }

  private async findMany(ids: string[], scope: string | null = null): Promise<TestSessionView[]> {
    const rows: TestSessionRow[] = await this.db.query(
      `SELECT ${SESSION_COLUMNS}
         FROM test_sessions s JOIN organisations o ON o.id = s.test_centre_id
        WHERE s.id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR s.test_centre_id = $2)
        ORDER BY s.starts_at`,
      [ids, scope],
    );
    return rows.map(toSessionView);
  }

  private async insertSeries(
    manager: EntityManager,
    actor: Actor,
    centreId: string,
    first: Occurrence,
    lastDate: string,
  ): Promise<string> {
    const pattern = patternOf(first.startsAt, first.endsAt, lastDate);
    const series = await manager.getRepository(TestSessionSeries).save(
      manager.getRepository(TestSessionSeries).create({
        testCentreId: centreId,
        weekday: new Date(`${pattern.firstDate}T12:00:00Z`).getUTCDay() || 7,
        localStartTime: pattern.localStartTime,
        localEndTime: pattern.localEndTime,
        firstDate: pattern.firstDate,
        lastDate,
        createdBy: actor.userId,
      }),
    );
    return series.id;
  }
}

function startOfToday(): Date {
  return fromHelsinki(toHelsinki(new Date()).day, '00:00');
}
