import type { JobsOptions } from 'bullmq';

/** Every queue name, job name and retry policy of the system, in one place. */
export const QUEUES = {
  domainEvents: 'domain-events',
  letterBatches: 'letter-batches',
  queueMaintenance: 'queue-maintenance',
  privacy: 'privacy',
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

export const DOMAIN_EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** A fixed job id per outbox row: a relay that publishes twice still yields one job. */
export function domainEventJobId(eventId: string): string {
  return `event-${eventId}`;
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
 * Several events for one client may be applied at once; the consumer locks the client, so
 * they serialise per client and run in parallel across clients.
 */
export const DOMAIN_EVENT_WORKER_OPTIONS = { concurrency: 8 };

/** The booking service's retention sweep (GDPR): once a night, in the quiet hours. */
export const PRIVACY_JOBS = { pseudonymiseExpired: 'pseudonymise-expired-clients' } as const;
export const PRIVACY_SCHEDULE = { pattern: '15 3 * * *', tz: 'Europe/Helsinki' } as const;
export const PRIVACY_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { count: 30 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
