import { EVENT_TYPES, type DomainEventJob, type SeatEventPayload } from '@kotoportti/platform';
import type { ResultFacts } from '../entries/waiting-list.service';
import { clientPayload, resultPayload, seatPayload } from './event-payloads';

/**
 * What an event does to the queue, decided before any transaction:
 * - result: moves the client's entry (set-based, with the batch);
 * - client: recomputes the client's entry status (consent withdrawn, client moved);
 * - seat-booked: the same, unless it ends an open seat offer, which needs the course lock;
 * - handler: needs the course lock first (seat released, course cancelled), so it runs alone
 *   in its own transaction, where the course is locked before the client;
 * - none: changes nothing in a queue (seat reports, test bookings) and is only marked consumed.
 * A malformed payload throws here, so it fails its job instead of corrupting a queue.
 */
export type EventPlan =
  | { kind: 'result'; event: DomainEventJob; clientId: string; facts: ResultFacts }
  | { kind: 'client'; event: DomainEventJob; clientId: string }
  | { kind: 'seat-booked'; event: DomainEventJob; clientId: string; seat: SeatEventPayload }
  | { kind: 'handler'; event: DomainEventJob }
  | { kind: 'none'; event: DomainEventJob };

export type ClientPlan = Extract<EventPlan, { clientId: string }>;

export function planEvent(event: DomainEventJob): EventPlan {
  switch (event.type) {
    case EVENT_TYPES.resultRecorded:
    case EVENT_TYPES.resultCorrected: {
      const facts = {
        ...resultPayload(event.type, event.payload),
        corrected: event.type === EVENT_TYPES.resultCorrected,
      };
      return { kind: 'result', event, clientId: facts.clientId, facts };
    }
    case EVENT_TYPES.consentWithdrawn:
    case EVENT_TYPES.clientMoved:
      return { kind: 'client', event, clientId: clientPayload(event.type, event.payload).clientId };
    case EVENT_TYPES.seatBooked: {
      const seat = seatPayload(event.type, event.payload);
      return { kind: 'seat-booked', event, clientId: seat.clientId, seat };
    }
    case EVENT_TYPES.seatReleased:
    case EVENT_TYPES.courseCancelled:
      return { kind: 'handler', event };
    default:
      return { kind: 'none', event };
  }
}

/**
 * Splits a batch into rounds with at most one event per client, each client's events in
 * outbox order: round n holds every client's n-th event. A round is applied by one statement
 * per kind of event, which must see one client once; the next round sees its effects.
 */
export function clientRounds(plans: ClientPlan[]): ClientPlan[][] {
  const byClient = new Map<string, ClientPlan[]>();
  for (const plan of plans) {
    const list = byClient.get(plan.clientId) ?? [];
    list.push(plan);
    byClient.set(plan.clientId, list);
  }
  const rounds: ClientPlan[][] = [];
  for (const list of byClient.values()) {
    list.sort((a, b) => compareIds(a.event.eventId, b.event.eventId));
    list.forEach((plan, index) => (rounds[index] ??= []).push(plan));
  }
  return rounds;
}

/** Outbox ids are bigints and arrive as strings: compared as numbers, not as text. */
export function compareIds(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
