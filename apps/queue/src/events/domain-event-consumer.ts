import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainEventJob } from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { lockClients } from '../entries/client-lock';
import { prepared } from '../entries/prepared';
import { WaitingListService } from '../entries/waiting-list.service';
import { clientRounds, compareIds, planEvent, type ClientPlan, type EventPlan } from './event-plan';

export type DomainEventHandler = (manager: EntityManager, event: DomainEventJob) => Promise<void>;

const CONSUMER = 'queue';

/**
 * Applies domain events exactly once, a batch at a time: the consumed_events rows and the
 * changes they cause commit together, so a redelivered event finds its row and does nothing,
 * and a crash mid-batch leaves neither. Events that need a course lock (handler plans) run one
 * by one in their own transactions, so that course locks are always taken before client locks.
 */
@Injectable()
export class DomainEventConsumer {
  private readonly logger = new Logger('domain-events');
  private readonly handlers = new Map<string, DomainEventHandler>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly waitingList: WaitingListService,
  ) {}

  /** The offer service registers what it does for the events that lock a course. */
  on(type: string, handler: DomainEventHandler): void {
    this.handlers.set(type, handler);
  }

  /** Returns false when the event had already been applied. */
  async apply(event: DomainEventJob): Promise<boolean> {
    return (await this.applyBatch([event])) === 1;
  }

  /**
   * Returns how many of the events were applied now (the others had been already). A
   * malformed event, or one whose handler fails, is reported by throwing after the rest of
   * the batch has been applied, so the job is retried and the rest found done.
   */
  async applyBatch(events: DomainEventJob[]): Promise<number> {
    const failures: Error[] = [];
    const plans: EventPlan[] = [];
    const seen = new Set<string>();
    for (const event of events) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      try {
        plans.push(planEvent(event));
      } catch (error) {
        failures.push(error as Error);
      }
    }
    const { applied, alone } = await this.applyInOne(plans, failures);
    let count = applied;
    for (const event of alone.sort((a, b) => compareIds(a.eventId, b.eventId))) {
      try {
        if (await this.db.transaction((manager) => this.applyAlone(manager, event))) count += 1;
      } catch (error) {
        failures.push(error as Error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, failures[0].message);
    return count;
  }

  /**
   * The batch in one transaction; should it fail, each event in its own, so that an event
   * the database refuses holds up only itself and the rest of its batch is applied.
   */
  private async applyInOne(
    plans: EventPlan[],
    failures: Error[],
  ): Promise<{ applied: number; alone: DomainEventJob[] }> {
    try {
      return await this.db.transaction((manager) => this.applyTogether(manager, plans));
    } catch (error) {
      if (plans.length <= 1) throw error;
      this.logger.warn(`batch of ${plans.length} failed, applying one by one: ${String(error)}`);
    }
    const total = { applied: 0, alone: [] as DomainEventJob[] };
    for (const plan of plans) {
      try {
        const one = await this.db.transaction((manager) => this.applyTogether(manager, [plan]));
        total.applied += one.applied;
        total.alone.push(...one.alone);
      } catch (error) {
        failures.push(error as Error);
      }
    }
    return total;
  }

  /** One transaction: claim, lock the clients in id order, then one round at a time. */
  private async applyTogether(
    manager: EntityManager,
    plans: EventPlan[],
  ): Promise<{ applied: number; alone: DomainEventJob[] }> {
    const offered = await this.seatsEndingOffers(manager, plans);
    const alone = plans
      .filter((plan) => plan.kind === 'handler' || offered.has(plan.event.eventId))
      .map((plan) => plan.event);
    const together = plans.filter(
      (plan) => plan.kind !== 'handler' && !offered.has(plan.event.eventId),
    );
    const claimed = await this.claim(
      manager,
      together.map((plan) => plan.event.eventId),
    );
    const clientPlans = together.filter(
      (plan): plan is ClientPlan => 'clientId' in plan && claimed.has(plan.event.eventId),
    );
    if (clientPlans.length > 0) {
      await lockClients(manager, [...new Set(clientPlans.map((plan) => plan.clientId))]);
    }
    for (const round of clientRounds(clientPlans)) await this.applyRound(manager, round);
    return { applied: claimed.size, alone };
  }

  private async applyRound(manager: EntityManager, round: ClientPlan[]): Promise<void> {
    const results = round.flatMap((plan) =>
      plan.kind === 'result' ? [{ version: plan.event.eventId, facts: plan.facts }] : [],
    );
    const clients = round.flatMap((plan) =>
      plan.kind === 'result' ? [] : [{ version: plan.event.eventId, facts: plan.clientId }],
    );
    await this.waitingList.applyResults(manager, results);
    await this.waitingList.reconcileClients(manager, clients);
  }

  private async applyAlone(manager: EntityManager, event: DomainEventJob): Promise<boolean> {
    if ((await this.claim(manager, [event.eventId])).size === 0) return false;
    const handler = this.handlers.get(event.type);
    if (handler) await handler(manager, event);
    else this.logger.warn(`no handler for ${event.type}; marked consumed`);
    return true;
  }

  /** Ascending, so that two batches claiming the same redelivered events cannot deadlock. */
  private async claim(manager: EntityManager, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await prepared<{ eventId: string }>(
      manager,
      'queue.claim-events',
      `INSERT INTO consumed_events (consumer, event_id)
       SELECT $1, id FROM unnest($2::bigint[]) AS id ORDER BY id
       ON CONFLICT DO NOTHING RETURNING event_id::text AS "eventId"`,
      [CONSUMER, eventIds],
    );
    return new Set(rows.map((row) => row.eventId));
  }

  /** Seats booked while their client held an open offer on the course: those lock the course. */
  private async seatsEndingOffers(
    manager: EntityManager,
    plans: EventPlan[],
  ): Promise<Set<string>> {
    const seats = plans.flatMap((plan) => (plan.kind === 'seat-booked' ? [plan] : []));
    if (seats.length === 0) return new Set();
    const rows = await prepared<{ eventId: string }>(
      manager,
      'queue.seats-ending-offers',
      `SELECT s.event_id AS "eventId"
         FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS s(event_id, course_id, client_id)
        WHERE EXISTS (SELECT 1 FROM seat_offers o
                       WHERE o.course_id = s.course_id AND o.client_id = s.client_id
                         AND o.status = 'open')`,
      [
        seats.map((plan) => plan.event.eventId),
        seats.map((plan) => plan.seat.courseId),
        seats.map((plan) => plan.clientId),
      ],
    );
    return new Set(rows.map((row) => row.eventId));
  }
}
