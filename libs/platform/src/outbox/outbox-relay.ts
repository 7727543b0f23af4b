import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { producerRedisOptions } from '../redis/redis-options';
import {
  DOMAIN_EVENT_BATCH_JOB,
  DOMAIN_EVENT_JOB_OPTIONS,
  DOMAIN_EVENTS_PER_JOB,
  domainEventBatchJobId,
  type DomainEventBatchJob,
  type OutboxRow,
  QUEUES,
  toDomainEventJob,
} from './queues';

/** Rows claimed per transaction: a few jobs' worth, one Redis round trip for all of them. */
const BATCH_SIZE = 1000;
const IDLE_WAIT_MS = 200;
const FAILURE_WAIT_MS = 2000;

/**
 * Moves committed outbox rows to BullMQ. Several relays (three services) may run at once:
 * SKIP LOCKED gives each its own rows, and the fixed job id makes a repeat publish harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private queue: Queue;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private redisDown = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.queue = new Queue(QUEUES.domainEvents, {
      connection: producerRedisOptions(this.config.redisUrl),
      prefix: this.config.queuePrefix,
    });
    // ioredis reports every failed reconnect; the relay logs the outage once itself.
    this.queue.on('error', () => undefined);
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.queue?.close();
  }

  /** Publish soon: called after a transaction that wrote events has committed. */
  kick(): void {
    this.wake?.();
  }

  /** Publishes what is pending now; returns how many rows it published. */
  async publishPending(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, type, aggregate_type, aggregate_id, payload, created_at
           FROM outbox_events WHERE published_at IS NULL
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const events = rows.map(toDomainEventJob);
      const jobs = [];
      for (let i = 0; i < events.length; i += DOMAIN_EVENTS_PER_JOB) {
        const batch = events.slice(i, i + DOMAIN_EVENTS_PER_JOB);
        jobs.push({
          name: DOMAIN_EVENT_BATCH_JOB,
          data: { events: batch } satisfies DomainEventBatchJob,
          opts: { ...DOMAIN_EVENT_JOB_OPTIONS, jobId: domainEventBatchJobId(batch) },
        });
      }
      await this.queue.addBulk(jobs);
      await manager.query(
        `UPDATE outbox_events SET published_at = now(), attempts = attempts + 1
          WHERE id = ANY($1::bigint[])`,
        [rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishPending();
        if (this.redisDown) this.logger.log('Redis is back: publishing the outbox again');
        this.redisDown = false;
      } catch (error) {
        if (!this.redisDown) {
          this.logger.warn(`Outbox not published, will retry: ${(error as Error).message}`);
        }
        this.redisDown = true;
      }
      if (published === BATCH_SIZE) continue;
      await this.pause(this.redisDown ? FAILURE_WAIT_MS : IDLE_WAIT_MS);
    }
  }

  private async pause(ms: number): Promise<void> {
    const abort = new AbortController();
    this.wake = () => abort.abort();
    await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
    this.wake = undefined;
  }
}
