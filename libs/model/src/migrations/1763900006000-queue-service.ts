import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CONSTRAINTS } from '../constraints';
import { runAll } from './sql';

/**
 * What the queue service needs beyond the tables of 1763900004000: the version of the result
 * that set an entry's queue keys (so a late correction cannot overwrite a newer one), the seat
 * that placed it, who removed it or gave it priority, and one open seat offer per client.
 */
export class QueueService1763900006000 implements MigrationInterface {
  name = 'QueueService1763900006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `ALTER TABLE waiting_list_entries
         ADD COLUMN keys_version bigint NOT NULL DEFAULT 0 CHECK (keys_version >= 0),
         ADD COLUMN seat_id uuid REFERENCES seats (id) ON DELETE RESTRICT,
         ADD COLUMN removed_by uuid REFERENCES users (id) ON DELETE RESTRICT,
         ADD COLUMN priority_set_by uuid REFERENCES users (id) ON DELETE RESTRICT,
         ADD COLUMN priority_set_at timestamptz,
         ADD CONSTRAINT waiting_list_entries_removal_has_reason
           CHECK (removed_by IS NULL OR (status = 'removed' AND end_reason IS NOT NULL))`,
      // The client's live entry is their newest one.
      `CREATE INDEX waiting_list_entries_client_created_idx
         ON waiting_list_entries (client_id, created_at DESC)`,
      // Candidates walk one (language, pace) in queue order and filter the level range.
      `CREATE INDEX waiting_list_entries_candidates_idx ON waiting_list_entries (
         target_language, pace, priority DESC, waiting_since, result_at
       ) INCLUDE (start_level, region_id) WHERE status = 'waiting'`,

      `ALTER TABLE seat_offers
         ADD COLUMN seat_id uuid REFERENCES seats (id) ON DELETE RESTRICT,
         ADD CONSTRAINT seat_offers_decline_has_reason
           CHECK (status <> 'declined' OR decline_reason IS NOT NULL),
         ADD CONSTRAINT seat_offers_decided_has_time CHECK (status = 'open' OR decided_at IS NOT NULL)`,
      // A client holds at most one seat at a time for the queue: two open offers would keep
      // a second place from the next in line.
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneOpenOfferPerClient}
         ON seat_offers (client_id) WHERE status = 'open'`,
      `CREATE INDEX seat_offers_course_id_status_idx ON seat_offers (course_id, status)`,
      `CREATE INDEX waiting_list_entries_seat_id_idx ON waiting_list_entries (seat_id)`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP INDEX waiting_list_entries_seat_id_idx`,
      `DROP INDEX seat_offers_course_id_status_idx`,
      `DROP INDEX ${CONSTRAINTS.oneOpenOfferPerClient}`,
      `ALTER TABLE seat_offers DROP CONSTRAINT seat_offers_decided_has_time,
         DROP CONSTRAINT seat_offers_decline_has_reason, DROP COLUMN seat_id`,
      `DROP INDEX waiting_list_entries_candidates_idx`,
      `DROP INDEX waiting_list_entries_client_created_idx`,
      `ALTER TABLE waiting_list_entries DROP CONSTRAINT waiting_list_entries_removal_has_reason,
         DROP COLUMN priority_set_at, DROP COLUMN priority_set_by, DROP COLUMN removed_by,
         DROP COLUMN seat_id, DROP COLUMN keys_version`,
    ]);
  }
}
