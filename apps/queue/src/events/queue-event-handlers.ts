import { Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_TYPES } from '@kotoportti/platform';
import { OfferLifecycleService } from '../offers/offer-lifecycle.service';
import { DomainEventConsumer } from './domain-event-consumer';
import { courseCancelledPayload, seatPayload } from './event-payloads';

/**
 * The events that change a course's offers and holds, applied one at a time under the course
 * lock. The event's outbox id is its version: entries remember the newest one applied.
 * Results, consents, moves and plain seat bookings are applied in batches by the consumer
 * itself (event-plan.ts).
 */
@Injectable()
export class QueueEventHandlers implements OnModuleInit {
  constructor(
    private readonly consumer: DomainEventConsumer,
    private readonly offers: OfferLifecycleService,
  ) {}

  onModuleInit(): void {
    const { consumer, offers } = this;
    consumer.on(EVENT_TYPES.seatBooked, (manager, event) =>
      offers.seatBooked(manager, event.eventId, seatPayload(event.type, event.payload)),
    );
    consumer.on(EVENT_TYPES.seatReleased, (manager, event) =>
      offers.seatReleased(manager, event.eventId, seatPayload(event.type, event.payload)),
    );
    consumer.on(EVENT_TYPES.courseCancelled, (manager, event) =>
      offers.courseCancelled(
        manager,
        event.eventId,
        courseCancelledPayload(event.type, event.payload),
      ),
    );
  }
}
