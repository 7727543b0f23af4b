import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DOMAIN_EVENT_WORKER_OPTIONS, DomainEventJob, QUEUES } from '@kotoportti/platform';
import { DomainEventConsumer } from './domain-event-consumer';

/** Thin: hands each job to the consumer, which applies it exactly once. */
@Processor(QUEUES.domainEvents, DOMAIN_EVENT_WORKER_OPTIONS)
export class DomainEventsProcessor extends WorkerHost {
  constructor(private readonly consumer: DomainEventConsumer) {
    super();
  }

  async process(job: Job<DomainEventJob>): Promise<{ applied: boolean }> {
    return { applied: await this.consumer.apply(job.data) };
  }
}
