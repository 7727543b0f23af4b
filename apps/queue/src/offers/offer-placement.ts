import { Inject, Injectable } from '@nestjs/common';
import { CONSTRAINTS, violatedConstraint } from '@kotoportti/model';
import { APP_CONFIG, AuditService, type AppConfig } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { HEAD_SQL } from '../candidates/candidates.sql';
import { acceptsBookings, levelsOf, type CourseForQueue } from '../candidates/course-for-queue';
import { holdUntil } from './working-days';

const MAX_HEAD_ATTEMPTS = 5;

export function helsinkiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
}

/**
 * Gives a course's free place to the strict head of its queue and keeps the hold: an open
 * offer counts in courses.seats_taken, so nobody else books the place while the head's office
 * decides. Every method expects the course row locked by the caller (lockCourse).
 */
@Injectable()
export class OfferPlacement {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** A place was freed: hold it for the head, if the course takes bookings and has the place. */
  async offerFreedPlace(manager: EntityManager, course: CourseForQueue): Promise<string | null> {
    if (!acceptsBookings(course) || course.seatsTaken >= course.seats) return null;
    const offerId = await this.offerToHead(manager, course);
    if (offerId) {
      await manager.query(`UPDATE courses SET seats_taken = seats_taken + 1 WHERE id = $1`, [
        course.id,
      ]);
    }
    return offerId;
  }

  /** An offer closed without a booking: its hold goes to the next in line, or back to the course. */
  async passOn(manager: EntityManager, course: CourseForQueue): Promise<string | null> {
    const offerId = acceptsBookings(course) ? await this.offerToHead(manager, course) : null;
    if (!offerId) await this.releaseHolds(manager, course.id, 1);
    return offerId;
  }

  async releaseHolds(manager: EntityManager, courseId: string, count: number): Promise<void> {
    if (count === 0) return;
    await manager.query(
      `UPDATE courses SET seats_taken = GREATEST(seats_taken - $2, 0) WHERE id = $1`,
      [courseId, count],
    );
  }

  /**
   * The head's client is not locked: the handler already holds another client's lock, and two
   * handlers taking each other's clients would deadlock. A head placed meanwhile is caught by
   * the sweep; a head just offered another course is skipped by the unique index.
   */
  private async offerToHead(
    manager: EntityManager,
    course: CourseForQueue,
  ): Promise<string | null> {
    for (let attempt = 0; attempt < MAX_HEAD_ATTEMPTS; attempt++) {
      const [head]: Array<{ entryId: string; clientId: string }> = await manager.query(HEAD_SQL, [
        course.targetLanguage,
        course.pace,
        levelsOf(course),
        course.regionId,
        course.id,
      ]);
      if (!head) return null;
      const offerId = await this.tryInsert(manager, course, head);
      if (offerId) return offerId;
    }
    return null;
  }

  private async tryInsert(
    manager: EntityManager,
    course: CourseForQueue,
    head: { entryId: string; clientId: string },
  ): Promise<string | null> {
    await manager.query(`SAVEPOINT seat_offer`);
    try {
      const rows: Array<{ id: string; expires_at: Date }> = await manager.query(
        `INSERT INTO seat_offers (course_id, client_id, entry_id, expires_at)
         VALUES ($1, $2, $3, ($4::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')
         RETURNING id, expires_at`,
        [
          course.id,
          head.clientId,
          head.entryId,
          holdUntil(helsinkiToday(), this.config.offerHoldWorkingDays),
        ],
      );
      await manager.query(`RELEASE SAVEPOINT seat_offer`);
      await this.audit.record(
        {
          actor: null,
          action: 'seat-offer.create',
          entityType: 'seat-offer',
          entityId: rows[0].id,
          clientId: head.clientId,
          details: { courseId: course.id, entryId: head.entryId, expiresAt: rows[0].expires_at },
        },
        manager,
      );
      return rows[0].id;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT seat_offer`);
      if (violatedConstraint(error) === CONSTRAINTS.oneOpenOfferPerClient) return null;
      throw error;
    }
  }
}
