import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Level, levelRank, SKILLS, TestResult } from '@kotoportti/model';
import {
  Actor,
  AuditService,
  Conflict,
  EVENT_TYPES,
  NotFound,
  OutboxRelay,
  OutboxService,
  ResultEventPayload,
} from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { toHelsinki, helsinkiIso } from '../test-sessions/helsinki-time';
import { BookingFacts, lockedBooking, visibleBooking } from './booking-access';
import { RecordResultDto, TestResultView } from './test-result.dto';
import { updateReturning } from './update-returning';

function toView(result: TestResult): TestResultView {
  return {
    id: result.id,
    bookingId: result.bookingId,
    clientId: result.clientId,
    version: result.version,
    listening: result.listening,
    speaking: result.speaking,
    reading: result.reading,
    writing: result.writing,
    literacy: result.literacy,
    startLevel: result.startLevel,
    pace: result.pace,
    recommendation: result.recommendation,
    enteredBy: result.enteredBy,
    enteredAt: helsinkiIso(result.enteredAt),
    isCurrent: result.isCurrent,
  };
}

/** SPEC §2: by default training starts from the lowest of the four skills. */
export function lowestSkill(input: Pick<RecordResultDto, (typeof SKILLS)[number]>): Level {
  return SKILLS.map((skill) => input[skill]).reduce((lowest, level) =>
    levelRank(level) < levelRank(lowest) ? level : lowest,
  );
}

/**
 * Results are never overwritten: a correction is version n+1 and the old version stays in
 * the history. Each version reaches the office (and the waiting list) through the outbox.
 */
@Injectable()
export class TestResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async record(
    actor: Actor,
    bookingId: string,
    input: RecordResultDto,
    requestId?: string,
  ): Promise<{ result: TestResultView; corrected: boolean }> {
    const saved = await this.db.transaction(async (manager) => {
      // Locks the consent and the booking (so two entries cannot both become version 1).
      const { booking } = await lockedBooking(manager, actor, bookingId, () => []);
      await this.ensureAttended(manager, actor, booking);
      const previous = await updateReturning<{ version: number }>(
        manager,
        `UPDATE test_results SET is_current = false
          WHERE booking_id = $1 AND is_current RETURNING version`,
        [bookingId],
      );
      const repository = manager.getRepository(TestResult);
      const result = await repository.save(
        repository.create({
          bookingId,
          clientId: booking.client_id,
          version: (previous[0]?.version ?? 0) + 1,
          listening: input.listening,
          speaking: input.speaking,
          reading: input.reading,
          writing: input.writing,
          literacy: input.literacy,
          startLevel: input.startLevel ?? lowestSkill(input),
          pace: input.pace,
          recommendation: input.recommendation,
          enteredBy: actor.userId,
        }),
      );
      const stored = await repository.findOneByOrFail({ id: result.id });
      await this.publish(manager, booking, stored);
      await this.audit.record(
        {
          actor,
          action: stored.version === 1 ? 'test-result.create' : 'test-result.correct',
          entityType: 'test-result',
          entityId: stored.id,
          clientId: booking.client_id,
          requestId,
          details: { bookingId, version: stored.version },
        },
        manager,
      );
      return stored;
    });
    this.relay.kick();
    return { result: toView(saved), corrected: saved.version > 1 };
  }

  /** The current version. */
  async current(actor: Actor, bookingId: string, requestId?: string): Promise<TestResultView> {
    const [current] = (await this.versions(actor, bookingId, requestId)).filter((r) => r.isCurrent);
    if (!current) throw new NotFound('Test result');
    return current;
  }

  /** Every version, newest first. */
  async history(actor: Actor, bookingId: string, requestId?: string): Promise<TestResultView[]> {
    return this.versions(actor, bookingId, requestId);
  }

  private async versions(
    actor: Actor,
    bookingId: string,
    requestId?: string,
  ): Promise<TestResultView[]> {
    const booking = await visibleBooking(this.db.manager, actor, bookingId);
    const results = await this.db
      .getRepository(TestResult)
      .find({ where: { bookingId }, order: { version: 'DESC' } });
    await this.audit.record({
      actor,
      action: 'test-result.read',
      entityType: 'test-booking',
      entityId: bookingId,
      clientId: booking.client_id,
      requestId,
      details: { resultIds: results.map((result) => result.id) },
    });
    return results.map(toView);
  }

  /** A result means the client came: a booked client is marked attended with it. */
  private async ensureAttended(
    manager: EntityManager,
    actor: Actor,
    booking: BookingFacts,
  ): Promise<void> {
    switch (booking.status) {
      case 'attended':
        return;
      case 'cancelled':
        throw new Conflict('booking-cancelled', 'The booking was cancelled');
      case 'no-show':
        throw new Conflict('not-attended', 'The client was marked as not attending');
      case 'booked':
        if (!booking.started) {
          throw new Conflict('session-not-started', 'A result is entered after the test');
        }
        await manager.query(
          `UPDATE test_bookings
              SET status = 'attended', attendance_marked_by = $2, attendance_marked_at = now()
            WHERE id = $1`,
          [booking.id, actor.userId],
        );
    }
  }

  private async publish(
    manager: EntityManager,
    booking: BookingFacts,
    result: TestResult,
  ): Promise<void> {
    const payload: ResultEventPayload = {
      resultId: result.id,
      bookingId: booking.id,
      clientId: booking.client_id,
      officeId: booking.office_id,
      version: result.version,
      targetLanguage: booking.target_language,
      pace: result.pace,
      startLevel: result.startLevel,
      literacy: result.literacy,
      enteredAt: result.enteredAt.toISOString(),
      testedOn: toHelsinki(booking.starts_at).day,
    };
    await this.outbox.record(manager, {
      type: result.version === 1 ? EVENT_TYPES.resultRecorded : EVENT_TYPES.resultCorrected,
      aggregateType: 'test-result',
      aggregateId: booking.id,
      payload: { ...payload },
    });
  }
}
