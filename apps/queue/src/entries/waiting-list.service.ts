import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type ResultEventPayload } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { APPLY_RESULTS_SQL } from './apply-results.sql';
import { CLIENT_ENTRIES_SQL } from './client-entries.sql';
import { lockClients } from './client-lock';
import { RECONCILE_ENTRIES_SQL } from './entry-status.sql';
import { prepared } from './prepared';

/** A result event as the waiting list needs it. */
export interface ResultFacts extends ResultEventPayload {
  /** test-result.recorded (a new test) or test-result.corrected (a new version of one). */
  corrected: boolean;
}

/** An event with its version (the outbox id): entries remember the newest one applied. */
export interface Versioned<T> {
  version: string;
  facts: T;
}

interface Touched {
  entryId: string;
  version: string;
}

/**
 * Keeps waiting_list_entries in step with results, seats and consents, a set of events at a
 * time: one statement per kind of event for the whole set, whatever its size, since the round
 * trips, not the statements, were what limited the event rate. Every method runs in the
 * caller's transaction, under the clients' locks, with at most one event per client, and is
 * safe for an event that arrives late: keys follow the newest result event, the status
 * follows the committed seats and consents (entry-status.sql.ts).
 */
@Injectable()
export class WaitingListService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * A result puts the client in the queue of its (language, pace, start level, region) from
   * the day of the test; a correction or a retest while waiting moves the entry and keeps
   * the date. A test taken after the previous entry ended begins a new wait.
   */
  async applyResults(manager: EntityManager, events: Versioned<ResultFacts>[]): Promise<void> {
    if (events.length === 0) return;
    const column = <K extends keyof ResultFacts>(key: K) => events.map((e) => e.facts[key]);
    const touched = await prepared<Touched>(manager, 'queue.apply-results', APPLY_RESULTS_SQL, [
      events.map((e) => e.version),
      column('clientId'),
      column('resultId'),
      column('bookingId'),
      column('targetLanguage'),
      column('pace'),
      column('startLevel'),
      column('testedOn'),
      column('enteredAt'),
      column('corrected'),
    ]);
    await this.reconcileAll(manager, touched);
  }

  /**
   * Recomputes the live entries' status from seats and consent (seat, consent, move events);
   * a client whose event overtook the result gets an entry from the results on record.
   */
  async reconcileClients(manager: EntityManager, events: Versioned<string>[]): Promise<void> {
    if (events.length === 0) return;
    const touched = await prepared<Touched>(manager, 'queue.client-entries', CLIENT_ENTRIES_SQL, [
      events.map((e) => e.version),
      events.map((e) => e.facts),
    ]);
    await this.reconcileAll(manager, touched);
  }

  /** One client, for a handler that holds a course lock: the client's lock comes after it. */
  async reconcileClient(manager: EntityManager, clientId: string, version: string): Promise<void> {
    await lockClients(manager, [clientId]);
    await this.reconcileClients(manager, [{ version, facts: clientId }]);
  }

  /** The caller holds the client's lock. */
  async reconcile(manager: EntityManager, entryId: string, version: string): Promise<void> {
    await this.reconcileAll(manager, [{ entryId, version }]);
  }

  private async reconcileAll(manager: EntityManager, touched: Touched[]): Promise<void> {
    if (touched.length === 0) return;
    await prepared(manager, 'queue.reconcile-entries', RECONCILE_ENTRIES_SQL, [
      touched.map((t) => t.entryId),
      this.config.noShowPolicy,
      touched.map((t) => t.version),
    ]);
  }
}
