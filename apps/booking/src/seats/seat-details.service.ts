import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CourseStatus, SeatStatus } from '@kotoportti/model';
import { Actor, AuditService } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { activeConsentSql } from '../consents/active-consent';
import { actorStampSql, reportsOfSeats, type ActorStamp, type ReportEntry } from './report-entries';
import { assertMaySee, type SeatOwnership } from './seat-access';

export interface SeatDetails {
  id: string;
  status: SeatStatus;
  bookedAt: Date;
  bookedBy: ActorStamp;
  levelOverrideReason: string | null;
  statusChangedAt: Date;
  client: { id: string; firstName: string; lastName: string; birthDate: string };
  course: {
    id: string;
    name: string;
    providerId: string;
    providerName: string;
    startsOn: string;
    endsOn: string;
    status: CourseStatus;
    cancelReason: string | null;
    /** Built by json_build_object, so an ISO 8601 string. */
    cancelledAt: string | null;
  };
  reports: ReportEntry[];
}

type SeatRow = Omit<SeatDetails, 'reports'> & SeatOwnership;

/**
 * One seat as its office and its provider see it: the course, the client, every report. A
 * provider sees it only while the client's consent is on record (seat-access.ts).
 */
@Injectable()
export class SeatDetailsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, seatId: string, requestId?: string): Promise<SeatDetails> {
    const rows: SeatRow[] = await this.db.query(
      `SELECT s.id, s.status, s.booked_at AS "bookedAt", s.level_override_reason AS "levelOverrideReason",
              s.status_changed_at AS "statusChangedAt", ${actorStampSql('bu', 'bo')} AS "bookedBy",
              co.provider_id AS "providerId", cl.office_id AS "officeId",
              ${activeConsentSql('s.client_id')} AS "hasConsent",
              json_build_object('id', cl.id, 'firstName', cl.first_name, 'lastName', cl.last_name,
                                'birthDate', cl.birth_date) AS client,
              json_build_object('id', co.id, 'name', co.name, 'providerId', co.provider_id,
                                'providerName', po.name, 'startsOn', co.starts_on, 'endsOn', co.ends_on,
                                'status', co.status, 'cancelReason', co.cancel_reason,
                                'cancelledAt', co.cancelled_at) AS course
         FROM seats s
         JOIN courses co ON co.id = s.course_id
         JOIN organisations po ON po.id = co.provider_id
         JOIN clients cl ON cl.id = s.client_id
         JOIN users bu ON bu.id = s.booked_by
         LEFT JOIN organisations bo ON bo.id = bu.organisation_id
        WHERE s.id = $1`,
      [seatId],
    );
    const row = rows[0] as SeatRow | undefined;
    assertMaySee(actor, row);
    const reports = await reportsOfSeats(this.db, [seatId]);
    await this.audit.record({
      actor,
      action: 'seat.read',
      entityType: 'seat',
      entityId: seatId,
      clientId: row.client.id,
      requestId,
    });
    const { providerId: _provider, officeId: _office, hasConsent: _consent, ...seat } = row;
    return { ...seat, reports: reports.get(seatId) ?? [] };
  }
}
