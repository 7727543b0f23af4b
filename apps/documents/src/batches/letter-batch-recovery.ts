import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LetterBatchesService } from './letter-batches.service';

/** How often unfinished batches are checked for a job; enqueueing is idempotent by job id. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * A batch lives in the database; its job only points at it. If Redis lost the job (a flush, an
 * outage while the batch was asked for), this puts it back: at start-up and once a minute.
 */
@Injectable()
export class LetterBatchRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('letter-batch-recovery');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly batches: LetterBatchesService,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const rows: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM letter_batches WHERE status IN ('queued', 'running') ORDER BY created_at`,
      );
      for (const row of rows) await this.batches.enqueue(row.id);
    } catch (error) {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
    }
  }
}
