import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  COURSE_STATUSES,
  DROPOUT_REASONS,
  FOLLOW_UP_OUTCOMES,
  LEVELS,
  PACES,
  SEAT_REPORT_KINDS,
  SEAT_STATUSES,
  SEAT_STATUSES_NEVER_TAKEN,
  TARGET_LANGUAGES,
  sqlInList,
  sqlTextArray,
} from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { inList, runAll } from './sql';

/** Position in the ordered LEVELS, 0-based like levelRank() in TypeScript; NULL if unknown. */
function levelRankSql(column: string): string {
  return `(array_position(${sqlTextArray(LEVELS)}, ${column}) - 1)`;
}

/** Courses, seats and the providers' reports on seats. */
export class Courses1763900003000 implements MigrationInterface {
  name = 'Courses1763900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      // For queries that compare levels ("start level inside the course range"): codes do
      // not sort as strings ('below-A1.1' > 'C2.2').
      `CREATE FUNCTION level_rank(level text) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ${levelRankSql('level')} $$`,

      `CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        region_id uuid REFERENCES organisations (id) ON DELETE RESTRICT,
        name text NOT NULL,
        target_language text NOT NULL CHECK (${inList('target_language', TARGET_LANGUAGES)}),
        pace text NOT NULL CHECK (${inList('pace', PACES)}),
        min_level text NOT NULL CHECK (${inList('min_level', LEVELS)}),
        max_level text NOT NULL CHECK (${inList('max_level', LEVELS)}),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        schedule text NOT NULL,
        location text NOT NULL,
        address text NOT NULL,
        seats int NOT NULL,
        seats_taken int NOT NULL DEFAULT 0,
        notes text,
        childcare boolean NOT NULL DEFAULT false,
        evening boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'published' CHECK (${inList('status', COURSE_STATUSES)}),
        cancel_reason text,
        cancelled_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Inline rather than level_rank(): a CHECK that calls a function hides a dependency.
        CONSTRAINT ${CONSTRAINTS.courseLevelRangeInOrder}
          CHECK (${levelRankSql('min_level')} <= ${levelRankSql('max_level')}),
        CONSTRAINT courses_ends_after_start CHECK (ends_on >= starts_on),
        CONSTRAINT courses_seats_range CHECK (seats BETWEEN 1 AND 1000),
        CONSTRAINT ${CONSTRAINTS.courseSeatsTakenWithinSeats}
          CHECK (seats_taken >= 0 AND seats_taken <= seats)
      )`,
      `CREATE INDEX courses_published_match_idx
        ON courses (target_language, pace, starts_on) WHERE status = 'published'`,
      `CREATE INDEX courses_provider_id_idx ON courses (provider_id)`,
      `CREATE INDEX courses_region_id_idx ON courses (region_id)`,

      `CREATE TABLE seats (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'reserved' CHECK (${inList('status', SEAT_STATUSES)}),
        booked_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        booked_at timestamptz NOT NULL DEFAULT now(),
        level_override_reason text,
        status_changed_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneSeatPerClientAndCourse}
        ON seats (course_id, client_id)
        WHERE status NOT IN (${sqlInList(SEAT_STATUSES_NEVER_TAKEN)})`,
      `CREATE INDEX seats_course_id_status_idx ON seats (course_id, status)`,
      `CREATE INDEX seats_client_id_idx ON seats (client_id)`,

      // CASCADE: a report means nothing without its seat.
      `CREATE TABLE seat_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seat_id uuid NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (${inList('kind', SEAT_REPORT_KINDS)}),
        report_date date NOT NULL,
        dropout_reason text CHECK (${inList('dropout_reason', DROPOUT_REASONS)}),
        levels jsonb,
        outcome text CHECK (${inList('outcome', FOLLOW_UP_OUTCOMES)}),
        text text,
        reported_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        reported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT seat_reports_dropout_has_reason
          CHECK (kind <> 'dropout' OR dropout_reason IS NOT NULL),
        CONSTRAINT seat_reports_completion_has_levels
          CHECK (kind <> 'completion' OR jsonb_typeof(levels) = 'object'),
        CONSTRAINT seat_reports_follow_up_has_outcome
          CHECK (kind <> 'follow-up' OR outcome IS NOT NULL)
      )`,
      `CREATE INDEX seat_reports_seat_id_reported_at_idx ON seat_reports (seat_id, reported_at)`,
      // Statistics count starts, dropouts and completions per month.
      `CREATE INDEX seat_reports_kind_report_date_idx ON seat_reports (kind, report_date)`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TABLE seat_reports`,
      `DROP TABLE seats`,
      `DROP TABLE courses`,
      `DROP FUNCTION level_rank(text)`,
    ]);
  }
}
