import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SeatStatus } from '@kotoportti/model';
import { Actor, AuditService, NotFound } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { activeConsentSql } from '../consents/active-consent';
import { organisationScope } from '../courses/organisation-scope';
import { reportsOfSeats, type ReportEntry } from './report-entries';

export interface Participant {
  seatId: string;
  status: SeatStatus;
  bookedAt: Date;
  statusChangedAt: Date;
  levelOverrideReason: string | null;
  /** What a trainer needs to reach the client; never the identity code. */
  client: {
    id: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    nativeLanguage: string;
    interpreterLanguage: string | null;
    phone: string | null;
    email: string | null;
  };
  reports: ReportEntry[];
}

/**
 * The provider's list of a course's participants. A cancelled seat is left out: its client
 * no longer holds a seat, and providers see only clients who do (SPEC §1). So is a client
 * who withdrew consent to data exchange: the provider no longer sees them, as a tester does
 * not; their reports stay with the office (GET /api/seats/:id for the official).
 */
@Injectable()
export class CourseParticipantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, courseId: string, requestId?: string): Promise<Participant[]> {
    await this.requireOwnCourse(actor, courseId);
    const participants: Array<Omit<Participant, 'reports'>> = await this.db.query(
      `SELECT s.id AS "seatId", s.status, s.booked_at AS "bookedAt",
              s.status_changed_at AS "statusChangedAt", s.level_override_reason AS "levelOverrideReason",
              json_build_object('id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
                'birthDate', c.birth_date, 'nativeLanguage', c.native_language,
                'interpreterLanguage', c.interpreter_language, 'phone', c.phone, 'email', c.email
              ) AS client
         FROM seats s JOIN clients c ON c.id = s.client_id
        WHERE s.course_id = $1 AND s.status <> 'cancelled'
          AND (NOT $2 OR ${activeConsentSql('s.client_id')})
        ORDER BY c.last_name, c.first_name, s.id`,
      [courseId, actor.role === 'provider'],
    );
    const reports = await reportsOfSeats(
      this.db,
      participants.map((participant) => participant.seatId),
    );
    await this.recordReads(actor, courseId, participants, requestId);
    return participants.map((participant) => ({
      ...participant,
      reports: reports.get(participant.seatId) ?? [],
    }));
  }

  private async requireOwnCourse(actor: Actor, courseId: string): Promise<void> {
    const scope = organisationScope(actor);
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM courses WHERE id = $1 AND ($2::uuid IS NULL OR provider_id = $2)`,
      [courseId, scope],
    );
    if (rows.length === 0) throw new NotFound('Course');
  }

  /** One audit entry per client, so the log of each client shows the provider's read. */
  private async recordReads(
    actor: Actor,
    courseId: string,
    participants: Array<Omit<Participant, 'reports'>>,
    requestId: string | undefined,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      for (const participant of participants) {
        await this.audit.record(
          {
            actor,
            action: 'seat.read',
            entityType: 'seat',
            entityId: participant.seatId,
            clientId: participant.client.id,
            requestId,
            details: { courseId, via: 'participants' },
          },
          manager,
        );
      }
    });
  }
}
