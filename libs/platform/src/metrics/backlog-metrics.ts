import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { QUEUES } from '../outbox/queues';
import { producerRedisOptions } from '../redis/redis-options';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
const PROBE_TIMEOUT_MS = 2000;

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Figures read at scrape time from PostgreSQL and Redis: the outbox backlog and the depth of
 * every BullMQ queue. A store that is down leaves its gauges out of the scrape rather than
 * failing it, so the request metrics still arrive during an outage.
 */
@Injectable()
export class BacklogMetrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  /** Opened at the first scrape: most services are never scraped in tests. */
  private queues: Queue[] | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.outboxGauges();
    this.queueGauge();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all((this.queues ?? []).map((queue) => queue.close().catch(() => undefined)));
  }

  private openQueues(): Queue[] {
    this.queues ??= Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, {
        connection: producerRedisOptions(this.config.redisUrl),
        prefix: this.config.queuePrefix,
      });
      queue.on('error', () => undefined);
      return queue;
    });
    return this.queues;
  }

  private outboxGauges() {
    const db = this.db;
    // One query per scrape for both gauges: the first to be collected reads, the other uses it.
    let reading: Promise<{ count: number; age: number } | undefined> | undefined;
    const read = () => {
      reading ??= within(
        db.query<Array<{ count: string; age: number | null }>>(
          `SELECT count(*) AS count, extract(epoch FROM now() - min(created_at))::float8 AS age
             FROM outbox_events WHERE published_at IS NULL`,
        ),
      )
        .then(([row]) => ({ count: Number(row.count), age: row.age ?? 0 }))
        .catch(() => undefined)
        .finally(() => setImmediate(() => (reading = undefined)));
      return reading;
    };
    new Gauge({
      name: 'kotoportti_outbox_unpublished_events',
      help: 'Domain events committed to the outbox and not yet published to BullMQ',
      registers: [this.registry],
      async collect() {
        const outbox = await read();
        if (outbox) this.set(outbox.count);
      },
    });
    new Gauge({
      name: 'kotoportti_outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest domain event not yet published to BullMQ',
      registers: [this.registry],
      async collect() {
        const outbox = await read();
        if (outbox) this.set(outbox.age);
      },
    });
  }

  private queueGauge() {
    const openQueues = () => this.openQueues();
    new Gauge({
      name: 'kotoportti_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        // In parallel: with Redis down, each waits out its timeout, and the scrape must not.
        const queues = openQueues();
        const counts = await Promise.all(
          queues.map((queue) => within(queue.getJobCounts(...JOB_STATES)).catch(() => undefined)),
        );
        queues.forEach((queue, i) => {
          const found = counts[i];
          if (!found) return;
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, found[state] ?? 0);
        });
      },
    });
  }
}
