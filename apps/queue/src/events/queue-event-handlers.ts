import { Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_TYPES } from '@kotoportti/platform';
import { WaitingListService } from '../entries/waiting-list.service';
import { OfferLifecycleService } from '../offers/offer-lifecycle.service';
import { DomainEventConsumer } from './domain-event-consumer';
import {
  clientPayload,
  courseCancelledPayload,
  resultPayload,
  seatPayload,
} from './event-payloads';

/**
 * What each domain event does to the waiting lists. The event's outbox id is its version:
 * entries remember the newest one applied. Events not named here (seat.reported, test
 * bookings) change nothing in a queue and are only marked consumed.
 */
@Injectable()
export class QueueEventHandlers implements OnModuleInit {
  constructor(
    private readonly consumer: DomainEventConsumer,
    private readonly waitingList: WaitingListService,
    private readonly offers: OfferLifecycleService,
  ) {}

  onModuleInit(): void {
    const { consumer, waitingList, offers } = this;
    for (const [type, corrected] of [
      [EVENT_TYPES.resultRecorded, false],
      [EVENT_TYPES.resultCorrected, true],
    ] as const) {
      consumer.on(type, (manager, event) =>
        waitingList.applyResult(manager, event.eventId, {
          ...resultPayload(event.type, event.payload),
          corrected,
        }),
      );
    }
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
    for (const type of [EVENT_TYPES.consentWithdrawn, EVENT_TYPES.clientMoved]) {
      consumer.on(type, (manager, event) =>
        waitingList.reconcileClient(
          manager,
          clientPayload(event.type, event.payload).clientId,
          event.eventId,
        ),
      );
    }
  }
}
