import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AuditService } from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  DELETE_EXPIRED_IDEMPOTENCY_KEYS,
  EXPIRED_CLIENTS,
  PSEUDONYMISE,
  RETENTION_LOCK_ID,
} from './retention.sql';

const BATCH = 200;

interface Expired {
  id: string;
  lastActivityAt: Date;
}

/**
 * Pseudonymises clients whose last activity is older than RETENTION_DAYS (GDPR storage
 * limitation), keeping every row the statistics count. Runs from a nightly job; a
 * session-level advisory lock keeps two services (or a manual run) from sweeping at once.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('retention');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** How many clients were pseudonymised; null when another sweep holds the lock. */
  async pseudonymiseExpired(now = new Date()): Promise<number | null> {
    const cutoff = new Date(now.getTime() - this.config.retentionDays * 86_400_000);
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }]: Array<{ locked: boolean }> = await lock.query(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [RETENTION_LOCK_ID],
      );
      if (!locked) return null;
      try {
        await this.db.query(DELETE_EXPIRED_IDEMPOTENCY_KEYS);
        let done = 0;
        for (;;) {
          const batch: Expired[] = await this.db.query(EXPIRED_CLIENTS, [cutoff, BATCH, null]);
          for (const client of batch) done += (await this.pseudonymise(client.id, cutoff)) ? 1 : 0;
          if (batch.length < BATCH) break;
        }
        if (done > 0)
          this.logger.log(
            `pseudonymised ${done} clients inactive since before ${cutoff.toISOString()}`,
          );
        return done;
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1::bigint)', [RETENTION_LOCK_ID]);
      }
    } finally {
      await lock.release();
    }
  }

  /** One client, one transaction; re-checked under the row lock, as a booking may just have come. */
  private pseudonymise(clientId: string, cutoff: Date): Promise<boolean> {
    return this.db.transaction(async (manager: EntityManager) => {
      await manager.query('SELECT 1 FROM clients WHERE id = $1 FOR UPDATE', [clientId]);
      const [still]: Expired[] = await manager.query(EXPIRED_CLIENTS, [cutoff, 1, clientId]);
      if (!still) return false;
      for (const statement of PSEUDONYMISE) await manager.query(statement, [clientId]);
      await this.audit.record(
        {
          actor: null,
          action: 'client.pseudonymise',
          entityType: 'client',
          entityId: clientId,
          clientId,
          details: {
            retentionDays: this.config.retentionDays,
            lastActivityAt: new Date(still.lastActivityAt).toISOString(),
          },
        },
        manager,
      );
      return true;
    });
  }
}
