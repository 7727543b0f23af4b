import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, NotFound, type Actor } from '@kotoportti/platform';
import type { DataSource } from 'typeorm';
import { CANDIDATE_COUNT_SQL, CANDIDATES_SQL } from './candidates.sql';
import { levelsOf, readCourse } from './course-for-queue';

interface CandidateRow {
  entryId: string;
  clientId: string;
  officeId: string;
  [field: string]: unknown;
}

/**
 * Who fits a course, in queue order. Officials see every fitting client's place, since the
 * queue is shared, but only their own office's clients by name (SPEC §1).
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async forCourse(actor: Actor, courseId: string, limit: number, requestId?: string) {
    const course = await readCourse(this.db.manager, courseId);
    if (!course) throw new NotFound('Course');
    const levels = levelsOf(course);
    const params = [course.targetLanguage, course.pace, levels];
    const [rows, [{ total }], offers] = await Promise.all([
      this.db.query<CandidateRow[]>(CANDIDATES_SQL, [...params, course.regionId, limit]),
      this.db.query<Array<{ total: number }>>(CANDIDATE_COUNT_SQL, params),
      this.db.query<Array<{ clientId: string }>>(
        `SELECT client_id AS "clientId", id, expires_at AS "expiresAt" FROM seat_offers
          WHERE course_id = $1 AND status = 'open'`,
        [courseId],
      ),
    ]);
    const names = await this.namesOfOwnClients(actor, rows);
    const offered = new Map(offers.map((offer) => [offer.clientId, offer]));
    const candidates = rows.map((row, index) => {
      const own = names.get(row.clientId);
      return {
        ...row,
        position: index + 1,
        clientId: own ? row.clientId : null,
        firstName: own?.firstName ?? null,
        lastName: own?.lastName ?? null,
        openOffer: offered.has(row.clientId),
      };
    });
    await this.audit.record({
      actor,
      action: 'course.candidates.read',
      entityType: 'course',
      entityId: courseId,
      requestId,
      details: { clientIds: [...names.keys()] },
    });
    return {
      courseId,
      seats: course.seats,
      seatsLeft: Math.max(course.seats - course.seatsTaken, 0),
      openOffers: offers.length,
      total,
      candidates,
    };
  }

  private async namesOfOwnClients(actor: Actor, rows: CandidateRow[]) {
    const own = rows.filter(
      (row) => actor.role === 'admin' || row.officeId === actor.organisationId,
    );
    const names: Array<{ id: string; firstName: string; lastName: string }> =
      own.length === 0
        ? []
        : await this.db.query(
            `SELECT id, first_name AS "firstName", last_name AS "lastName" FROM clients
              WHERE id = ANY($1::uuid[])`,
            [own.map((row) => row.clientId)],
          );
    return new Map(names.map((name) => [name.id, name]));
  }
}
