import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AuditService,
  type AppConfig,
  type ResultEventPayload,
} from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { lockClient } from './client-lock';
import { RECONCILE_ENTRY_SQL } from './entry-status.sql';
import { lockLiveEntry, type LiveEntry } from './live-entry';
import { prepared } from './prepared';

/** An entry from the client's results on record: the newest current one sets the keys. */
const INSERT_FROM_RESULTS_SQL = `
  WITH r AS (
    SELECT r.id, r.start_level, r.pace, s.target_language, r.entered_at, r.is_current,
           (b.starts_at AT TIME ZONE 'Europe/Helsinki')::date AS tested_on
      FROM test_results r
      JOIN test_bookings b ON b.id = r.booking_id
      JOIN test_sessions s ON s.id = b.session_id
     WHERE r.client_id = $1
  )
  INSERT INTO waiting_list_entries
    (client_id, office_id, region_id, target_language, pace, start_level, waiting_since,
     result_at, result_id, keys_version, last_event_version)
  SELECT $1, $2, $3, newest.target_language, newest.pace, newest.start_level,
         (SELECT min(tested_on) FROM r), (SELECT min(entered_at) FROM r), newest.id, 0, $4
    FROM (SELECT * FROM r WHERE is_current ORDER BY entered_at DESC LIMIT 1) newest
  RETURNING id`;

/** A result event as the waiting list needs it. */
export interface ResultFacts extends ResultEventPayload {
  /** test-result.recorded (a new test) or test-result.corrected (a new version of one). */
  corrected: boolean;
}

/**
 * Keeps waiting_list_entries in step with results, seats and consents. Every method runs in
 * the consumer's transaction, under the client's lock, and is safe to run for an event that
 * arrives late: keys follow the newest result event (by outbox id), the status follows the
 * committed seats and consents (entry-status.sql.ts).
 */
@Injectable()
export class WaitingListService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * A result puts the client in the queue of its (language, pace, start level, region) from
   * the day of the test; a correction or a retest while waiting moves the entry and keeps
   * the date. A test taken after the previous entry ended begins a new wait.
   */
  async applyResult(manager: EntityManager, version: string, facts: ResultFacts): Promise<void> {
    const client = await lockClient(manager, facts.clientId);
    if (!client) return;
    const live = await lockLiveEntry(manager, facts.clientId);
    const firstEnteredAt = facts.corrected
      ? await this.firstEnteredAt(manager, facts)
      : facts.enteredAt;
    let entryId: string;
    if (!live || this.beginsNewWait(live, facts)) {
      entryId = await this.insert(manager, version, facts, client, firstEnteredAt);
      await this.record(manager, 'waiting-list.enter', entryId, facts.clientId, { version });
    } else if (live.previousEndedOn !== null && facts.testedOn <= live.previousEndedOn) {
      // A late result of an earlier wait: history, not this wait.
      entryId = live.id;
    } else {
      entryId = live.id;
      await this.moveKeys(manager, live, version, facts, firstEnteredAt);
    }
    await this.reconcile(manager, entryId, version);
  }

  /**
   * Recomputes the live entry's status from seats and consent (seat, consent, move events).
   * An event that overtook the client's result finds no entry: it is made from the results
   * on record, with keys version 0 so that the result event, when it comes, still applies.
   */
  async reconcileClient(manager: EntityManager, clientId: string, version: string): Promise<void> {
    const client = await lockClient(manager, clientId);
    if (!client) return;
    const live = await lockLiveEntry(manager, clientId);
    const entryId = live?.id ?? (await this.insertFromResults(manager, clientId, client, version));
    if (entryId) await this.reconcile(manager, entryId, version);
  }

  /** The caller holds the client's lock and the entry's row lock. */
  async reconcile(manager: EntityManager, entryId: string, version: string): Promise<void> {
    const [after] = await prepared<{ status: string; oldStatus: string; clientId: string }>(
      manager,
      'queue.reconcile-entry',
      RECONCILE_ENTRY_SQL,
      [entryId, this.config.noShowPolicy, version],
    );
    if (after && after.oldStatus !== after.status) {
      await this.record(manager, 'waiting-list.status', entryId, after.clientId, {
        from: after.oldStatus,
        to: after.status,
        version,
      });
    }
  }

  private beginsNewWait(live: LiveEntry, facts: ResultFacts): boolean {
    return (
      live.status !== 'waiting' &&
      !facts.corrected &&
      live.endedOn !== null &&
      facts.testedOn > live.endedOn
    );
  }

  /** A correction keeps the place its first version earned: ties go by the first entry time. */
  private async firstEnteredAt(manager: EntityManager, facts: ResultFacts): Promise<string> {
    const rows = await prepared<{ first: Date | null }>(
      manager,
      'queue.first-entered-at',
      `SELECT min(entered_at) AS first FROM test_results WHERE booking_id = $1`,
      [facts.bookingId],
    );
    return rows[0]?.first?.toISOString() ?? facts.enteredAt;
  }

  private async insertFromResults(
    manager: EntityManager,
    clientId: string,
    client: { officeId: string; regionId: string },
    version: string,
  ): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await manager.query(INSERT_FROM_RESULTS_SQL, [
      clientId,
      client.officeId,
      client.regionId,
      version,
    ]);
    if (rows[0]) {
      await this.record(manager, 'waiting-list.enter', rows[0].id, clientId, { version });
    }
    return rows[0]?.id;
  }

  private async insert(
    manager: EntityManager,
    version: string,
    facts: ResultFacts,
    client: { officeId: string; regionId: string },
    firstEnteredAt: string,
  ): Promise<string> {
    const rows = await prepared<{ id: string }>(
      manager,
      'queue.insert-entry',
      `INSERT INTO waiting_list_entries
         (client_id, office_id, region_id, target_language, pace, start_level, waiting_since,
          result_at, result_id, keys_version, last_event_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       RETURNING id`,
      [
        facts.clientId,
        client.officeId,
        client.regionId,
        facts.targetLanguage,
        facts.pace,
        facts.startLevel,
        facts.testedOn,
        firstEnteredAt,
        facts.resultId,
        version,
      ],
    );
    return rows[0].id;
  }

  /** Keys only from a newer result event; the date and the tie-break only ever move earlier. */
  private async moveKeys(
    manager: EntityManager,
    live: LiveEntry,
    version: string,
    facts: ResultFacts,
    firstEnteredAt: string,
  ): Promise<void> {
    const newer = BigInt(version) > BigInt(live.keysVersion);
    await prepared(
      manager,
      'queue.move-keys',
      `UPDATE waiting_list_entries
          SET target_language = CASE WHEN $2 THEN $3 ELSE target_language END,
              pace = CASE WHEN $2 THEN $4 ELSE pace END,
              start_level = CASE WHEN $2 THEN $5 ELSE start_level END,
              result_id = CASE WHEN $2 THEN $6::uuid ELSE result_id END,
              keys_version = GREATEST(keys_version, $7::bigint),
              waiting_since = LEAST(waiting_since, $8::date),
              result_at = LEAST(result_at, $9::timestamptz),
              updated_at = now()
        WHERE id = $1`,
      [
        live.id,
        newer,
        facts.targetLanguage,
        facts.pace,
        facts.startLevel,
        facts.resultId,
        version,
        facts.testedOn,
        firstEnteredAt,
      ],
    );
    const moved =
      newer &&
      (live.targetLanguage !== facts.targetLanguage ||
        live.pace !== facts.pace ||
        live.startLevel !== facts.startLevel);
    if (moved) {
      await this.record(manager, 'waiting-list.move', live.id, facts.clientId, {
        from: { targetLanguage: live.targetLanguage, pace: live.pace, level: live.startLevel },
        to: { targetLanguage: facts.targetLanguage, pace: facts.pace, level: facts.startLevel },
        version,
      });
    }
  }

  /** The system's own writes to a person's entry are audited like an official's. */
  private record(
    manager: EntityManager,
    action: string,
    entryId: string,
    clientId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        actor: null,
        action,
        entityType: 'waiting-list-entry',
        entityId: entryId,
        clientId,
        details,
      },
      manager,
    );
  }
}
