import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Course } from '@kotoportti/model';
import {
  Actor,
  AuditService,
  Conflict,
  EVENT_TYPES,
  OutboxRelay,
  OutboxService,
} from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { toHelsinki } from '../test-sessions/helsinki-time';
import type { CourseCancelledPayload } from './course-events';
import { toCourseView, type CourseView } from './course-view';
import { lockOwnCourse } from './courses.service';

interface CancelledSeat {
  seatId: string;
  clientId: string;
}

/**
 * A provider cancels a course: its reserved seats are cancelled with the reason as their
 * report, so each office sees why on the seat and in the client's path.
 */
@Injectable()
export class CourseCancellationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async cancel(actor: Actor, id: string, reason: string, requestId?: string): Promise<CourseView> {
    const view = await this.db.transaction(async (manager) => {
      const course = await lockOwnCourse(manager, actor, id);
      if (course.status !== 'published') {
        throw new Conflict('course-cancelled', 'The course is already cancelled');
      }
      const today = toHelsinki(new Date()).day;
      // A course that has run is history (statistics, clients' paths): it is not rewritten.
      if (course.endsOn < today) throw new Conflict('course-ended', 'The course has ended');
      const seats = await this.cancelSeats(manager, actor, course, reason, today);
      const cancelled: Course = {
        ...course,
        status: 'cancelled',
        cancelReason: reason,
        cancelledAt: new Date(),
        seatsTaken: course.seatsTaken - seats.length,
      };
      await manager.update(
        Course,
        { id },
        {
          status: cancelled.status,
          cancelReason: reason,
          cancelledAt: cancelled.cancelledAt,
          seatsTaken: cancelled.seatsTaken,
        },
      );
      await this.record(manager, actor, course, reason, today, seats, requestId);
      return toCourseView(cancelled);
    });
    this.relay.kick();
    return view;
  }

  /**
   * Cancels the reserved seats, then refuses if any client has taken part (started, and
   * perhaps since completed or dropped out). In this order a start report racing with us
   * either waits for our UPDATE and then finds its seat cancelled, or commits first and is
   * seen by the check below: a course under way is never cancelled.
   */
  private async cancelSeats(
    manager: EntityManager,
    actor: Actor,
    course: Course,
    reason: string,
    today: string,
  ): Promise<CancelledSeat[]> {
    const [rows]: [Array<{ id: string; client_id: string }>, number] = await manager.query(
      `UPDATE seats SET status = 'cancelled', status_changed_at = now()
        WHERE course_id = $1 AND status = 'reserved'
        RETURNING id, client_id`,
      [course.id],
    );
    const underWay: unknown[] = await manager.query(
      `SELECT 1 FROM seats
        WHERE course_id = $1 AND status IN ('started', 'completed', 'dropped-out') LIMIT 1`,
      [course.id],
    );
    if (underWay.length > 0) {
      throw new Conflict(
        'course-under-way',
        'Participants have started this course: report their dropouts instead of cancelling it',
      );
    }
    const seats = rows.map((row) => ({ seatId: row.id, clientId: row.client_id }));
    if (seats.length > 0) {
      await manager.query(
        `INSERT INTO seat_reports (seat_id, kind, report_date, text, reported_by)
         SELECT seat_id, 'cancel', $2, $3, $4 FROM unnest($1::uuid[]) AS seat_id`,
        [seats.map((seat) => seat.seatId), today, reason, actor.userId],
      );
    }
    return seats;
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    course: Course,
    reason: string,
    today: string,
    seats: CancelledSeat[],
    requestId: string | undefined,
  ): Promise<void> {
    for (const seat of seats) {
      await this.audit.record(
        {
          actor,
          action: 'seat.cancel',
          entityType: 'seat',
          entityId: seat.seatId,
          clientId: seat.clientId,
          requestId,
          details: { courseId: course.id, courseCancelled: true },
        },
        manager,
      );
    }
    const payload: CourseCancelledPayload = {
      courseId: course.id,
      providerId: course.providerId,
      reason,
      beforeCourseStart: today < course.startsOn,
      seats,
    };
    await this.outbox.record(manager, {
      type: EVENT_TYPES.courseCancelled,
      aggregateType: 'course',
      aggregateId: course.id,
      payload: { ...payload },
    });
  }
}
