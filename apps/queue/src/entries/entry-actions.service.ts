import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, Conflict, NotFound, type Actor } from '@kotoportti/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { lockClient } from './client-lock';

interface LockedEntry {
  id: string;
  clientId: string;
  officeId: string;
  status: string;
  priority: boolean;
  priorityReason: string | null;
}

/** An official's own changes to an entry: priority, and removal with a reason. Both audited. */
@Injectable()
export class EntryActionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Priority changes the order of the queue: who, when and why are kept on the entry and in the log. */
  async setPriority(
    actor: Actor,
    entryId: string,
    priority: boolean,
    reason: string | undefined,
    requestId?: string,
  ) {
    return this.db.transaction(async (manager) => {
      const entry = await this.lockVisible(manager, actor, entryId);
      if (entry.status !== 'waiting') throw notWaiting(entry.status);
      await manager.query(
        `UPDATE waiting_list_entries
            SET priority = $2, priority_reason = $3, priority_set_by = $4, priority_set_at = now(),
                updated_at = now()
          WHERE id = $1`,
        [entryId, priority, priority ? reason : null, actor.userId],
      );
      await this.audit.record(
        {
          actor,
          action: 'waiting-list.priority',
          entityType: 'waiting-list-entry',
          entityId: entryId,
          clientId: entry.clientId,
          requestId,
          details: { from: entry.priority, to: priority, reason: reason ?? null },
        },
        manager,
      );
      return {
        entryId,
        clientId: entry.clientId,
        priority,
        priorityReason: priority ? reason : null,
      };
    });
  }

  /** Ends the wait for a reason of the office's; a new test result begins a new one. */
  async remove(actor: Actor, entryId: string, reason: string, requestId?: string) {
    return this.db.transaction(async (manager) => {
      const entry = await this.lockVisible(manager, actor, entryId);
      if (entry.status !== 'waiting') throw notWaiting(entry.status);
      await manager.query(
        `UPDATE waiting_list_entries
            SET status = 'removed', removed_by = $2, end_reason = $3, ended_at = now(),
                updated_at = now()
          WHERE id = $1`,
        [entryId, actor.userId, reason],
      );
      await this.audit.record(
        {
          actor,
          action: 'waiting-list.remove',
          entityType: 'waiting-list-entry',
          entityId: entryId,
          clientId: entry.clientId,
          requestId,
          details: { reason },
        },
        manager,
      );
      return { entryId, clientId: entry.clientId, status: 'removed', endReason: reason };
    });
  }

  private async lockVisible(
    manager: EntityManager,
    actor: Actor,
    entryId: string,
  ): Promise<LockedEntry> {
    const found: Array<{ clientId: string }> = await manager.query(
      `SELECT client_id AS "clientId" FROM waiting_list_entries WHERE id = $1`,
      [entryId],
    );
    if (!found[0]) throw new NotFound('Waiting-list entry');
    await lockClient(manager, found[0].clientId);
    const rows: LockedEntry[] = await manager.query(
      `SELECT e.id, e.client_id AS "clientId", cl.office_id AS "officeId", e.status, e.priority,
              e.priority_reason AS "priorityReason"
         FROM waiting_list_entries e JOIN clients cl ON cl.id = e.client_id
        WHERE e.id = $1 FOR UPDATE OF e`,
      [entryId],
    );
    const entry = rows[0];
    if (!entry || (actor.role !== 'admin' && entry.officeId !== actor.organisationId)) {
      throw new NotFound('Waiting-list entry');
    }
    return entry;
  }
}

function notWaiting(status: string): Conflict {
  return new Conflict('entry-not-waiting', `The entry is ${status}, not waiting`, { status });
}
