import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@kotoportti/platform';
import { CandidatesController } from './candidates/candidates.controller';
import { CandidatesService } from './candidates/candidates.service';
import { EntryActionsService } from './entries/entry-actions.service';
import { WaitingListService } from './entries/waiting-list.service';
import { DomainEventConsumer } from './events/domain-event-consumer';
import { DomainEventsProcessor } from './events/domain-events.processor';
import { QueueEventHandlers } from './events/queue-event-handlers';
import { ClientQueueController } from './lists/client-queue.controller';
import { WaitingListsController } from './lists/waiting-lists.controller';
import { WaitingListsService } from './lists/waiting-lists.service';
import { QueueMaintenanceProcessor } from './maintenance/queue-maintenance.processor';
import { QueueSchedules } from './maintenance/queue-schedules';
import { OfferLifecycleService } from './offers/offer-lifecycle.service';
import { OfferPlacement } from './offers/offer-placement';
import { SeatOffersController } from './offers/seat-offers.controller';
import { SeatOffersService } from './offers/seat-offers.service';
import { QueueSnapshotsService } from './snapshots/queue-snapshots.service';

/** The queue service: consumes domain events and keeps the waiting lists. */
@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUES.domainEvents }),
    BullModule.registerQueue({ name: QUEUES.queueMaintenance }),
  ],
  controllers: [
    WaitingListsController,
    ClientQueueController,
    CandidatesController,
    SeatOffersController,
  ],
  providers: [
    DomainEventConsumer,
    DomainEventsProcessor,
    QueueEventHandlers,
    WaitingListService,
    WaitingListsService,
    EntryActionsService,
    CandidatesService,
    OfferPlacement,
    OfferLifecycleService,
    SeatOffersService,
    QueueSnapshotsService,
    QueueMaintenanceProcessor,
    QueueSchedules,
  ],
  exports: [DomainEventConsumer, WaitingListService, OfferLifecycleService, QueueSnapshotsService],
})
export class QueueModule {}
