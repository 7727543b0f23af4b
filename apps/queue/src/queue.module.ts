import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@kotoportti/platform';
import { DomainEventConsumer } from './events/domain-event-consumer';
import { DomainEventsProcessor } from './events/domain-events.processor';

/** The queue service: consumes domain events and keeps the waiting lists. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.domainEvents })],
  providers: [DomainEventConsumer, DomainEventsProcessor],
  exports: [DomainEventConsumer],
})
export class QueueModule {}
