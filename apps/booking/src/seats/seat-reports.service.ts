import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DropoutReason,
  FollowUpOutcome,
  SeatReportKind,
  SeatStatus,
  SkillLevels,
} from '@kotoportti/model';
import {
  Actor,
  AuditService,
  EVENT_TYPES,
  InvalidInput,
  OutboxRelay,
  OutboxService,
  type SeatEventPayload,
} from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { toHelsinki } from '../test-sessions/helsinki-time';
import { assertMaySee, lockSeat, type LockedSeat } from './seat-access';
import { freesPlace, nextStatus, reportKind, type SeatAction } from './seat-transitions';

export interface SeatReportInput {
  date: string;
  dropoutReason?: DropoutReason;
  levels?: SkillLevels;
  outcome?: FollowUpOutcome;
  text?: string;
}

export interface SeatReportView {
  id: string;
  seatId: string;
  kind: SeatReportKind;
  reportDate: string;
  dropoutReason: DropoutReason | null;
  levels: SkillLevels | null;
  outcome: FollowUpOutcome | null;
  text: string | null;
  reportedBy: string;
  reportedAt: Date;
  /** The seat's state after the report. */
  seatStatus: SeatStatus;
}

/** seat.reported tells what was reported; its fields extend the shared seat payload. */
type SeatReportedPayload = SeatEventPayload & {
  reportId: string;
  kind: SeatReportKind;
  reportDate: string;
};

/**
 * Start, dropout, completion, follow-up plan, no-show and cancellation of a seat. Each is
 * stored as a report with who and when, moves the seat as SEAT_TRANSITIONS allows, and is
 * announced at once, so the client's office sees it without anyone sending a letter.
 */
@Injectable()
export class SeatReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async report(
    actor: Actor,
    seatId: string,
    action: SeatAction,
    input: SeatReportInput,
    requestId?: string,
  ): Promise<SeatReportView> {
    const view = await this.db.transaction(async (manager) => {
      const seat = await lockSeat(manager, seatId);
      assertMaySee(actor, seat);
      await this.checkDate(manager, seat, action, input.date);
      const status = nextStatus(seat.status, action);
      if (status !== seat.status) await this.move(manager, seat, status);
      const report = await this.store(manager, actor, seat, action, input, status);
      await this.announce(manager, actor, seat, report, requestId);
      return report;
    });
    this.relay.kick();
    return view;
  }

  /**
   * 400 naming `date`: a day in the future, a day before the course starts (a cancellation
   * alone usually comes before it), a start or no-show after the course's last day, a
   * dropout or completion before the seat's start, or a follow-up plan before the seat ended.
   */
  private async checkDate(
    manager: EntityManager,
    seat: LockedSeat,
    action: SeatAction,
    date: string,
  ): Promise<void> {
    if (date > toHelsinki(new Date()).day)
      throw InvalidInput.field('date', 'date must not be in the future');
    if (action !== 'cancel' && date < seat.courseStartsOn) {
      throw InvalidInput.field(
        'date',
        `date must not be before the course starts (${seat.courseStartsOn})`,
      );
    }
    if ((action === 'start' || action === 'no-show') && date > seat.courseEndsOn) {
      throw InvalidInput.field(
        'date',
        `date must not be after the course ends (${seat.courseEndsOn})`,
      );
    }
    if (action === 'dropout' || action === 'complete') {
      const startedOn = await this.latestReportDate(manager, seat.id, ['start']);
      if (startedOn && date < startedOn) {
        throw InvalidInput.field('date', `date must not be before the seat started (${startedOn})`);
      }
    }
    if (action === 'follow-up') {
      const endedOn = await this.latestReportDate(manager, seat.id, ['dropout', 'completion']);
      if (endedOn && date < endedOn) {
        throw InvalidInput.field('date', `date must not be before the seat ended (${endedOn})`);
      }
    }
  }

  private async latestReportDate(
    manager: EntityManager,
    seatId: string,
    kinds: SeatReportKind[],
  ): Promise<string | null> {
    const rows: Array<{ day: string | null }> = await manager.query(
      `SELECT max(report_date) AS day FROM seat_reports WHERE seat_id = $1 AND kind = ANY($2)`,
      [seatId, kinds],
    );
    return rows[0]?.day ?? null;
  }

  private async move(manager: EntityManager, seat: LockedSeat, status: SeatStatus): Promise<void> {
    await manager.query(`UPDATE seats SET status = $2, status_changed_at = now() WHERE id = $1`, [
      seat.id,
      status,
    ]);
    if (freesPlace(seat.status, status)) {
      await manager.query(`UPDATE courses SET seats_taken = seats_taken - 1 WHERE id = $1`, [
        seat.courseId,
      ]);
    }
  }

  private async store(
    manager: EntityManager,
    actor: Actor,
    seat: LockedSeat,
    action: SeatAction,
    input: SeatReportInput,
    seatStatus: SeatStatus,
  ): Promise<SeatReportView> {
    const kind = reportKind(action);
    const rows: Array<{ id: string; reported_at: Date }> = await manager.query(
      `INSERT INTO seat_reports (seat_id, kind, report_date, dropout_reason, levels, outcome, text, reported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, reported_at`,
      [
        seat.id,
        kind,
        input.date,
        input.dropoutReason ?? null,
        input.levels ? JSON.stringify(input.levels) : null,
        input.outcome ?? null,
        input.text ?? null,
        actor.userId,
      ],
    );
    return {
      id: rows[0].id,
      seatId: seat.id,
      kind,
      reportDate: input.date,
      dropoutReason: input.dropoutReason ?? null,
      levels: input.levels ?? null,
      outcome: input.outcome ?? null,
      text: input.text ?? null,
      reportedBy: actor.userId,
      reportedAt: rows[0].reported_at,
      seatStatus,
    };
  }

  private async announce(
    manager: EntityManager,
    actor: Actor,
    seat: LockedSeat,
    report: SeatReportView,
    requestId: string | undefined,
  ): Promise<void> {
    await this.audit.record(
      {
        actor,
        action: `seat.${report.kind}`,
        entityType: 'seat',
        entityId: seat.id,
        clientId: seat.clientId,
        requestId,
        details: { courseId: seat.courseId, reportId: report.id },
      },
      manager,
    );
    const base: SeatEventPayload = {
      seatId: seat.id,
      courseId: seat.courseId,
      clientId: seat.clientId,
      status: report.seatStatus,
    };
    const reported: SeatReportedPayload = {
      ...base,
      reportId: report.id,
      kind: report.kind,
      reportDate: report.reportDate,
    };
    await this.outbox.record(manager, {
      type: EVENT_TYPES.seatReported,
      aggregateType: 'seat',
      aggregateId: seat.id,
      payload: { ...reported },
    });
    if (freesPlace(seat.status, report.seatStatus)) {
      await this.outbox.record(manager, {
        type: EVENT_TYPES.seatReleased,
        aggregateType: 'seat',
        aggregateId: seat.id,
        payload: {
          ...base,
          beforeCourseStart: report.reportDate < seat.courseStartsOn,
          reason: report.dropoutReason ?? report.kind,
        } satisfies SeatEventPayload,
      });
    }
  }
}
