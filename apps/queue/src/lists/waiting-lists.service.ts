import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, type Actor } from '@kotoportti/platform';
import type { DataSource } from 'typeorm';
import { officeOf, visibleClientOffice } from './organisation-scope';
import type { EntriesQueryDto, WaitingListsQueryDto } from './waiting-list.dto';
import { ENTRIES_SQL, OVERVIEW_SQL, POSITION_SQL } from './waiting-lists.sql';

export interface EntryRow {
  entryId: string;
  clientId: string | null;
  officeId: string;
  firstName: string | null;
  lastName: string | null;
  position: number;
  [field: string]: unknown;
}

/** The queue figures and lists officials and analysts read. */
@Injectable()
export class WaitingListsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Aggregates only, no person: officials and analysts see every region's queues. */
  async overview(query: WaitingListsQueryDto) {
    return this.db.query(OVERVIEW_SQL, [
      query.targetLanguage ?? null,
      query.pace ?? null,
      query.level ?? null,
      query.regionId ?? null,
    ]);
  }

  /**
   * The office's clients in queue order, or the whole region's queue with other offices'
   * clients shown only as a place (no name, no id).
   */
  async entries(actor: Actor, query: EntriesQueryDto, requestId?: string): Promise<EntryRow[]> {
    const office = await officeOf(this.db.manager, actor);
    const scope = query.scope ?? 'office';
    const rows: EntryRow[] = await this.db.query(ENTRIES_SQL, [
      office?.regionId ?? null,
      query.targetLanguage ?? null,
      query.pace ?? null,
      query.level ?? null,
      office && scope === 'office' ? office.officeId : null,
      query.limit ?? 100,
      query.offset ?? 0,
    ]);
    const shown = rows.map((row) =>
      office === null || row.officeId === office.officeId
        ? row
        : { ...row, clientId: null, firstName: null, lastName: null },
    );
    await this.audit.record({
      actor,
      action: 'waiting-list.read',
      entityType: 'waiting-list',
      entityId: 'entries',
      requestId,
      details: {
        scope,
        clientIds: shown.flatMap((row) => (row.clientId ? [row.clientId] : [])),
      },
    });
    return shown;
  }

  /** Where the client stands: their newest entry, and their place while waiting. */
  async position(actor: Actor, clientId: string, requestId?: string) {
    await visibleClientOffice(this.db.manager, actor, clientId);
    const [entry]: Array<Record<string, unknown>> = await this.db.query(POSITION_SQL, [clientId]);
    const offers: unknown[] = await this.db.query(
      `SELECT o.id, o.course_id AS "courseId", c.name AS "courseName", o.offered_at AS "offeredAt",
              o.expires_at AS "expiresAt"
         FROM seat_offers o JOIN courses c ON c.id = o.course_id
        WHERE o.client_id = $1 AND o.status = 'open'`,
      [clientId],
    );
    await this.audit.record({
      actor,
      action: 'waiting-list.position.read',
      entityType: 'waiting-list-entry',
      entityId: (entry?.entryId as string | undefined) ?? clientId,
      clientId,
      requestId,
    });
    return entry
      ? { ...entry, openOffers: offers }
      : { clientId, status: 'not-queued', openOffers: [] };
  }
}
