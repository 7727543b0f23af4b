import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONSTRAINTS, levelRank, violatedConstraint, type CourseStatus } from '@kotoportti/model';
import {
  Actor,
  AuditService,
  Conflict,
  EVENT_TYPES,
  NotFound,
  OutboxRelay,
  OutboxService,
  queryPrepared,
  type SeatEventPayload,
} from '@kotoportti/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { organisationScope } from '../courses/organisation-scope';
import { readBookingFacts, TAKE_PLACE_AND_SEAT, type BookingFacts } from './booking-facts';
import { BookSeatDto } from './seat-booking.dto';
import type { SeatView } from './seat-view';

/**
 * An official books a seat on a course for a client of the office, in one transaction:
 * read the facts, check the rules, record the audit entry and the event, and take the
 * place last, so the course row stays locked only from that statement to the commit.
 */
@Injectable()
export class SeatBookingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async book(
    actor: Actor,
    courseId: string,
    input: BookSeatDto,
    requestId?: string,
  ): Promise<SeatView> {
    let seat: SeatView;
    try {
      seat = await this.db.transaction((manager) =>
        this.bookInTransaction(manager, actor, courseId, input, requestId),
      );
    } catch (error) {
      throw translateViolation(error);
    }
    this.relay.kick();
    return seat;
  }

  private async bookInTransaction(
    manager: EntityManager,
    actor: Actor,
    courseId: string,
    input: BookSeatDto,
    requestId: string | undefined,
  ): Promise<SeatView> {
    const { clientId } = input;
    const facts = await readBookingFacts(manager, clientId, courseId);
    checkRules(actor, facts);
    const overrideReason = levelOverride(facts, input);

    // The seat's id is chosen here so that the audit entry and the event can be written
    // before the place is taken; a refusal below rolls all three back together.
    const seatId = randomUUID();
    await this.audit.record(
      {
        actor,
        action: 'seat.create',
        entityType: 'seat',
        entityId: seatId,
        clientId,
        requestId,
        details: { courseId, levelOverride: overrideReason !== null },
      },
      manager,
    );
    await this.outbox.record(manager, {
      type: EVENT_TYPES.seatBooked,
      aggregateType: 'seat',
      aggregateId: seatId,
      payload: { seatId, courseId, clientId, status: 'reserved' } satisfies SeatEventPayload,
    });
    const [seat] = await queryPrepared<SeatView>(manager, TAKE_PLACE_AND_SEAT, [
      seatId,
      courseId,
      clientId,
      actor.userId,
      overrideReason,
    ]);
    if (!seat) throw await whyNoPlace(manager, courseId);
    return seat;
  }
}

/** The rules in the order an official would want to hear about them. */
function checkRules(actor: Actor, facts: BookingFacts): void {
  const scope = organisationScope(actor);
  if (facts.officeId === null || (scope !== null && facts.officeId !== scope)) {
    throw new NotFound('Client');
  }
  if (facts.courseStatus === null) throw new NotFound('Course');
  if (!facts.consented) {
    throw new Conflict('consent-missing', 'The client’s consent to data exchange is not on record');
  }
  if (facts.courseStatus === 'cancelled') throw courseCancelled();
  if (facts.ended) {
    throw new Conflict('course-ended', 'The course has ended');
  }
  if (facts.seated) throw alreadySeated();
}

/** The override reason to record, or null when the level fits; 409 when one is needed but missing. */
function levelOverride(facts: BookingFacts, input: BookSeatDto): string | null {
  const { startLevel, minLevel, maxLevel } = facts;
  const fits =
    startLevel !== null &&
    levelRank(minLevel) <= levelRank(startLevel) &&
    levelRank(startLevel) <= levelRank(maxLevel);
  if (fits) return null;
  if (input.levelOverrideReason) return input.levelOverrideReason;
  throw new Conflict(
    'level-mismatch',
    startLevel === null
      ? 'The client has no start level on record; give levelOverrideReason to book anyway'
      : `The client's start level ${startLevel} is outside the course range ${minLevel}–${maxLevel}; give levelOverrideReason to book anyway`,
    { startLevel, minLevel, maxLevel },
  );
}

/** The guarded UPDATE took no place: the course filled up, or was cancelled meanwhile. */
async function whyNoPlace(manager: EntityManager, courseId: string): Promise<Conflict> {
  const [course] = await manager.query<Array<{ status: CourseStatus }>>(
    `SELECT status FROM courses WHERE id = $1`,
    [courseId],
  );
  return course?.status === 'cancelled' ? courseCancelled() : courseFull();
}

function courseCancelled(): Conflict {
  return new Conflict('course-cancelled', 'The course is cancelled');
}

function alreadySeated(): Conflict {
  return new Conflict('already-seated', 'The client already holds a seat on this course');
}

function courseFull(): Conflict {
  return new Conflict('course-full', 'The course has no free seats');
}

/** The constraints behind the checks above, should a race get past a check. */
function translateViolation(error: unknown): unknown {
  const constraint = violatedConstraint(error);
  if (constraint === CONSTRAINTS.oneSeatPerClientAndCourse) return alreadySeated();
  if (constraint === CONSTRAINTS.courseSeatsTakenWithinSeats) return courseFull();
  return error;
}
