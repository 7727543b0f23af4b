import type { JobsOptions } from 'bullmq';

/** Every queue name, job name and retry policy of the system, in one place. */
export const QUEUES = {
  domainEvents: 'domain-events',
  letterBatches: 'letter-batches',
  queueMaintenance: 'queue-maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A domain event as it travels from the outbox to its consumers. */
export interface DomainEventJob {
  /** The outbox row id: consumers use it to apply each event exactly once. */
  eventId: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** An `outbox_events` row as the relay reads it. */
export interface OutboxRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** The job the relay publishes for an outbox row. */
export function toDomainEventJob(row: OutboxRow): DomainEventJob {
  return {
    eventId: String(row.id),
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    occurredAt: row.created_at.toISOString(),
    payload: row.payload,
  };
}

export const DOMAIN_EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Domain events travel in batches, in outbox order: a consumer applies a batch in one
 * transaction with one statement per kind of event, where one job per event cost a
 * transaction and a Redis round trip each.
 */
export interface DomainEventBatchJob {
  events: DomainEventJob[];
}

export const DOMAIN_EVENT_BATCH_JOB = 'domain-events';

/** How many events one job carries: big enough to amortise a transaction, small enough to retry. */
export const DOMAIN_EVENTS_PER_JOB = 250;

/**
 * A fixed job id per run of outbox ids: a relay that publishes the same rows twice still
 * yields one job. Rows published again in a different batch are dropped by the consumer,
 * which records every event it applied (consumed_events).
 */
export function domainEventBatchJobId(events: Pick<DomainEventJob, 'eventId'>[]): string {
  return `events-${events[0].eventId}-${events[events.length - 1].eventId}`;
}

/** One background letter batch: the batch row holds what to print, the job only which batch. */
export interface LetterBatchJob {
  batchId: string;
}

export const LETTER_BATCH_JOB = 'print-letter-batch';

/** Retried with backoff; a renderer that fails five times in a row marks the batch failed. */
export const LETTER_BATCH_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * A short lock, so that a batch whose worker died is taken over within ~15 s (lock expiry plus
 * the stalled-job check); a live worker renews it every lockDuration / 2.
 */
export const LETTER_BATCH_WORKER_OPTIONS = {
  concurrency: 1,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
};

/** A fixed job id per batch: enqueueing a batch twice still yields one job. */
export function letterBatchJobId(batchId: string): string {
  return `letter-batch-${batchId}`;
}

/** The queue service's own timed work: one repeatable job each, on queueMaintenance. */
export const QUEUE_MAINTENANCE_JOBS = {
  /** Expired or stale seat offers pass to the next in line. */
  sweepSeatOffers: 'sweep-seat-offers',
  /** Every queue's length and waits, once a day, for the trends. */
  snapshotQueues: 'snapshot-queues',
} as const;
export type QueueMaintenanceJob =
  (typeof QUEUE_MAINTENANCE_JOBS)[keyof typeof QUEUE_MAINTENANCE_JOBS];

/** Offers are swept every minute; snapshots are taken just after midnight in Helsinki. */
export const QUEUE_MAINTENANCE_SCHEDULES = {
  [QUEUE_MAINTENANCE_JOBS.sweepSeatOffers]: { every: 60_000 },
  [QUEUE_MAINTENANCE_JOBS.snapshotQueues]: { pattern: '5 0 * * *', tz: 'Europe/Helsinki' },
} as const;

export const QUEUE_MAINTENANCE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Two batches at once, one per core: the consumer locks a batch's clients in id order, so
 * events of one client serialise and batches never deadlock each other.
 */
export const DOMAIN_EVENT_WORKER_OPTIONS = {
  concurrency: 2,
  // Short locks, as for letter batches: the batch a killed queue service was applying is taken
  // over within ~15 s instead of a minute (BullMQ's 30 s lock plus 30 s check), and a batch
  // may stall a few times (a crash loop) before BullMQ fails it for good. Applying a batch
  // twice is harmless: consumed_events lets each event through once.
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
};
