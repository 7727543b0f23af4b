import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, NotFound } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { ClientExport, readClientExport } from './client-export.queries';

/**
 * The subject-access export of one client. Officials export their own office's clients,
 * admins anyone's; everyone else gets the 404 of SPEC §1. The export is itself audited, and
 * its audit event is part of what it returns.
 */
@Injectable()
export class ClientExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async export(
    actor: Actor,
    clientId: string,
    format: 'json' | 'pdf',
    requestId?: string,
  ): Promise<ClientExport> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const rows: unknown[] = await manager.query(
        `SELECT 1 FROM clients WHERE id = $1 AND ($2::uuid IS NULL OR office_id = $2)`,
        [clientId, actor.role === 'admin' ? null : actor.organisationId],
      );
      if (rows.length === 0) throw new NotFound('Client');
      await this.audit.record(
        {
          actor,
          action: 'client.export',
          entityType: 'client',
          entityId: clientId,
          clientId,
          requestId,
          details: { format },
        },
        manager,
      );
      const data = await readClientExport(manager, clientId);
      if (!data) throw new NotFound('Client');
      return data;
    });
  }
}
