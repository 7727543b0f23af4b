import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LETTER_BATCH_STATUSES, LETTER_KINDS, OFFICE_LANGUAGES } from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { inList, languageCode, runAll } from './sql';

/** Stored letters and background letter batches. */
export class Letters1763900005000 implements MigrationInterface {
  name = 'Letters1763900005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `CREATE TABLE letter_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'queued' CHECK (${inList('status', LETTER_BATCH_STATUSES)}),
        total int NOT NULL DEFAULT 0,
        done int NOT NULL DEFAULT 0,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        pdf bytea,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text,
        CONSTRAINT letter_batches_done_within_total CHECK (total >= 0 AND done BETWEEN 0 AND total)
      )`,

      `CREATE TABLE letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (${inList('kind', LETTER_KINDS)}),
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        test_booking_id uuid REFERENCES test_bookings (id) ON DELETE RESTRICT,
        seat_id uuid REFERENCES seats (id) ON DELETE RESTRICT,
        batch_id uuid REFERENCES letter_batches (id) ON DELETE RESTRICT,
        language text NOT NULL CHECK (${languageCode('language')}),
        office_language text NOT NULL CHECK (${inList('office_language', OFFICE_LANGUAGES)}),
        template_version text NOT NULL,
        pdf bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes int NOT NULL CHECK (size_bytes >= 0),
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT letters_invitation_has_booking
          CHECK (kind <> 'test-invitation' OR test_booking_id IS NOT NULL),
        CONSTRAINT letters_course_place_has_seat CHECK (kind <> 'course-place' OR seat_id IS NOT NULL)
      )`,
      // A restarted batch worker re-inserts with ON CONFLICT DO NOTHING: each letter once.
      // NULLS NOT DISTINCT (PostgreSQL 15+) so a letter without a booking or seat still counts.
      `CREATE UNIQUE INDEX ${CONSTRAINTS.letterOncePerBatch}
        ON letters (batch_id, kind, client_id, test_booking_id, seat_id) NULLS NOT DISTINCT
        WHERE batch_id IS NOT NULL`,
      `CREATE INDEX letters_client_id_created_at_idx ON letters (client_id, created_at)`,
      `CREATE INDEX letters_test_booking_id_idx ON letters (test_booking_id)`,
      `CREATE INDEX letters_seat_id_idx ON letters (seat_id)`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [`DROP TABLE letters`, `DROP TABLE letter_batches`]);
  }
}
