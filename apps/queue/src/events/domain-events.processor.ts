import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import {
  DOMAIN_EVENT_WORKER_OPTIONS,
  type DomainEventBatchJob,
  type DomainEventJob,
  QUEUES,
} from '@kotoportti/platform';
import { DomainEventConsumer } from './domain-event-consumer';

/** Thin: hands each batch to the consumer, which applies every event in it exactly once. */
@Processor(QUEUES.domainEvents, DOMAIN_EVENT_WORKER_OPTIONS)
export class DomainEventsProcessor extends WorkerHost {
  constructor(private readonly consumer: DomainEventConsumer) {
    super();
  }

  async process(job: Job<DomainEventBatchJob | DomainEventJob>): Promise<{ applied: number }> {
    // Jobs of one event each may still wait in Redis from before events travelled in batches.
    const events = 'events' in job.data ? job.data.events : [job.data];
    return { applied: await this.consumer.applyBatch(events) };
  }
}
