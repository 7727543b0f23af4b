import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  LEVELS,
  LITERACY,
  PACES,
  TARGET_LANGUAGES,
  TEST_BOOKING_STATUSES,
  TEST_KINDS,
  TEST_SESSION_STATUSES,
} from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { inList, languageCode, runAll } from './sql';

/** Test session patterns, sessions, bookings and results. */
export class TestBookings1763900002000 implements MigrationInterface {
  name = 'TestBookings1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      // Lets uuid and text columns take part in the time-range exclusion constraints.
      `CREATE EXTENSION IF NOT EXISTS btree_gist`,

      `CREATE TABLE test_session_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        test_centre_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        local_start_time time NOT NULL,
        local_end_time time NOT NULL,
        time_zone text NOT NULL DEFAULT 'Europe/Helsinki',
        first_date date NOT NULL,
        last_date date NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT test_session_series_ends_after_start CHECK (local_end_time > local_start_time),
        CONSTRAINT test_session_series_dates_in_order CHECK (last_date >= first_date)
      )`,
      `CREATE INDEX test_session_series_test_centre_id_idx ON test_session_series (test_centre_id)`,

      `CREATE TABLE test_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        test_centre_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        series_id uuid REFERENCES test_session_series (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (${inList('kind', TEST_KINDS)}),
        target_language text NOT NULL CHECK (${inList('target_language', TARGET_LANGUAGES)}),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location text NOT NULL,
        address text NOT NULL,
        capacity int NOT NULL,
        booked_count int NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'scheduled'
          CHECK (${inList('status', TEST_SESSION_STATUSES)}),
        cancel_reason text,
        cancelled_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT test_sessions_ends_after_start CHECK (ends_at > starts_at),
        CONSTRAINT test_sessions_capacity_range CHECK (capacity BETWEEN 1 AND 500),
        CONSTRAINT ${CONSTRAINTS.sessionBookedWithinCapacity}
          CHECK (booked_count >= 0 AND booked_count <= capacity),
        CONSTRAINT ${CONSTRAINTS.sessionNoOverlapInRoom} EXCLUDE USING gist (
          test_centre_id WITH =, location WITH =, tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status = 'scheduled')
      )`,
      `CREATE INDEX test_sessions_scheduled_starts_at_idx
        ON test_sessions (starts_at) WHERE status = 'scheduled'`,
      `CREATE INDEX test_sessions_test_centre_id_starts_at_idx
        ON test_sessions (test_centre_id, starts_at)`,
      `CREATE INDEX test_sessions_series_id_idx ON test_sessions (series_id)`,

      `CREATE TABLE test_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES test_sessions (id) ON DELETE RESTRICT,
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (${inList('kind', TEST_KINDS)}),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'booked' CHECK (${inList('status', TEST_BOOKING_STATUSES)}),
        interpreter_language text CHECK (${languageCode('interpreter_language')}),
        booked_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        booked_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        cancelled_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        cancel_reason text,
        attendance_marked_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        attendance_marked_at timestamptz,
        rebooked_from_id uuid REFERENCES test_bookings (id) ON DELETE RESTRICT,
        CONSTRAINT test_bookings_ends_after_start CHECK (ends_at > starts_at),
        CONSTRAINT ${CONSTRAINTS.testBookingRebookedOnce} UNIQUE (rebooked_from_id),
        CONSTRAINT ${CONSTRAINTS.testBookingsNoOverlap} EXCLUDE USING gist (
          client_id WITH =, tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status = 'booked')
      )`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneActiveTestBookingPerKind}
        ON test_bookings (client_id, kind) WHERE status = 'booked'`,
      `CREATE INDEX test_bookings_session_id_status_idx ON test_bookings (session_id, status)`,
      `CREATE INDEX test_bookings_client_id_idx ON test_bookings (client_id)`,

      `CREATE TABLE test_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL REFERENCES test_bookings (id) ON DELETE RESTRICT,
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        listening text NOT NULL CHECK (${inList('listening', LEVELS)}),
        speaking text NOT NULL CHECK (${inList('speaking', LEVELS)}),
        reading text NOT NULL CHECK (${inList('reading', LEVELS)}),
        writing text NOT NULL CHECK (${inList('writing', LEVELS)}),
        literacy text NOT NULL CHECK (${inList('literacy', LITERACY)}),
        start_level text NOT NULL CHECK (${inList('start_level', LEVELS)}),
        pace text NOT NULL CHECK (${inList('pace', PACES)}),
        recommendation text NOT NULL,
        entered_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        entered_at timestamptz NOT NULL DEFAULT now(),
        is_current boolean NOT NULL DEFAULT true,
        CONSTRAINT ${CONSTRAINTS.resultVersionUnique} UNIQUE (booking_id, version)
      )`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneCurrentResultPerBooking}
        ON test_results (booking_id) WHERE is_current`,
      // "The client's latest start level" (course seats, queue) reads by client, newest first.
      `CREATE INDEX test_results_client_id_entered_at_idx ON test_results (client_id, entered_at)`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TABLE test_results`,
      `DROP TABLE test_bookings`,
      `DROP TABLE test_sessions`,
      `DROP TABLE test_session_series`,
      `DROP EXTENSION IF EXISTS btree_gist`,
    ]);
  }
}
