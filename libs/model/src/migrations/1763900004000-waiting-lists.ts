import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  LEVELS,
  PACES,
  SEAT_OFFER_STATUSES,
  TARGET_LANGUAGES,
  WAITING_LIST_STATUSES,
} from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { inList, runAll } from './sql';

/** Waiting-list entries, seat offers to the head of a queue, daily queue snapshots. */
export class WaitingLists1763900004000 implements MigrationInterface {
  name = 'WaitingLists1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `CREATE TABLE waiting_list_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        office_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        region_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        target_language text NOT NULL CHECK (${inList('target_language', TARGET_LANGUAGES)}),
        pace text NOT NULL CHECK (${inList('pace', PACES)}),
        start_level text NOT NULL CHECK (${inList('start_level', LEVELS)}),
        waiting_since date NOT NULL,
        result_at timestamptz NOT NULL,
        result_id uuid REFERENCES test_results (id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'waiting' CHECK (${inList('status', WAITING_LIST_STATUSES)}),
        ended_at timestamptz,
        end_reason text,
        priority boolean NOT NULL DEFAULT false,
        priority_reason text,
        last_event_version bigint NOT NULL DEFAULT 0 CHECK (last_event_version >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT waiting_list_entries_ended_has_time CHECK (status = 'waiting' OR ended_at IS NOT NULL),
        CONSTRAINT waiting_list_entries_priority_has_reason
          CHECK (NOT priority OR priority_reason IS NOT NULL)
      )`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneWaitingEntryPerClient}
        ON waiting_list_entries (client_id) WHERE status = 'waiting'`,
      // Queue order within one queue, so the head and the candidates are an index range scan.
      `CREATE INDEX waiting_list_entries_queue_order_idx ON waiting_list_entries (
        target_language, pace, start_level, region_id, priority DESC, waiting_since, result_at
      ) WHERE status = 'waiting'`,
      `CREATE INDEX waiting_list_entries_client_id_idx ON waiting_list_entries (client_id)`,
      `CREATE INDEX waiting_list_entries_office_id_idx ON waiting_list_entries (office_id)`,

      `CREATE TABLE seat_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        entry_id uuid NOT NULL REFERENCES waiting_list_entries (id) ON DELETE RESTRICT,
        offered_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (${inList('status', SEAT_OFFER_STATUSES)}),
        decline_reason text,
        decided_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        decided_at timestamptz
      )`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneOpenOfferPerClientAndCourse}
        ON seat_offers (course_id, client_id) WHERE status = 'open'`,
      // The expiry sweep looks only at open offers.
      `CREATE INDEX seat_offers_open_expires_at_idx ON seat_offers (expires_at) WHERE status = 'open'`,
      `CREATE INDEX seat_offers_client_id_idx ON seat_offers (client_id)`,
      `CREATE INDEX seat_offers_entry_id_idx ON seat_offers (entry_id)`,

      `CREATE TABLE queue_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        day date NOT NULL,
        target_language text NOT NULL CHECK (${inList('target_language', TARGET_LANGUAGES)}),
        pace text NOT NULL CHECK (${inList('pace', PACES)}),
        level text NOT NULL CHECK (${inList('level', LEVELS)}),
        region_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        length int NOT NULL CHECK (length >= 0),
        oldest_since date,
        median_wait_days numeric CHECK (median_wait_days >= 0),
        p90_wait_days numeric CHECK (p90_wait_days >= 0),
        CONSTRAINT ${CONSTRAINTS.queueSnapshotUnique}
          UNIQUE (day, target_language, pace, level, region_id)
      )`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TABLE queue_snapshots`,
      `DROP TABLE seat_offers`,
      `DROP TABLE waiting_list_entries`,
    ]);
  }
}
