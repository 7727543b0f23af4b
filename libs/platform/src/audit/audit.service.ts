import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { valuesList } from '../database/values-list';

export interface AuditEntry {
  actor: Actor | null;
  /** What was done, e.g. `client.read`, `client.create`, `test-booking.cancel`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The person the record is about, so the log can be searched by client. */
  clientId?: string | null;
  requestId?: string;
  /** Never personal data: ids and codes only. */
  details?: Record<string, unknown>;
}

/**
 * Every read and write of a person's data goes through here (SPEC §1). Writes pass their
 * transaction's manager so the entry commits or rolls back with the change itself.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Many entries in one statement (a batch of letters), committed with the caller's change. */
  async recordMany(
    entries: readonly AuditEntry[],
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    // PostgreSQL takes at most 65,535 parameters in a statement: 9 a row, so 1,000 rows at a time.
    for (let start = 0; start < entries.length; start += 1000) {
      await this.insertRows(entries.slice(start, start + 1000), manager);
    }
  }

  private async insertRows(entries: readonly AuditEntry[], manager: EntityManager): Promise<void> {
    const values = valuesList(
      entries.map((entry) => [
        entry.actor?.userId ?? null,
        entry.actor?.role ?? null,
        entry.actor?.organisationId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.clientId ?? null,
        entry.requestId ?? null,
        entry.details ?? {},
      ]),
    );
    await manager.query(
      `INSERT INTO audit_events
         (actor_user_id, actor_role, organisation_id, action, entity_type, entity_id, client_id, request_id, details)
       VALUES ${values.sql}`,
      values.params,
    );
  }
}
