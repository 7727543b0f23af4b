import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll } from './sql';

/**
 * Indexes the statistics reports (issue 8) read through, found with EXPLAIN (ANALYZE,
 * BUFFERS) on two years of history for 100,000 clients (bench/statistics).
 */
export class StatisticsIndexes1763900007000 implements MigrationInterface {
  name = 'StatisticsIndexes1763900007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      // Tests and recommendations select sessions by a range of Helsinki days, cancelled
      // ones included, which the scheduled-only and per-centre indexes cannot serve.
      `CREATE INDEX test_sessions_starts_at_idx ON test_sessions (starts_at)`,
      // Waiting times select entries by the month they joined the queue.
      `CREATE INDEX waiting_list_entries_waiting_since_idx ON waiting_list_entries (waiting_since)`,
      // Days to course start: each seat's start day, read in seat order from the index alone.
      `CREATE INDEX seat_reports_start_seat_idx ON seat_reports (seat_id) INCLUDE (report_date)
         WHERE kind = 'start'`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP INDEX seat_reports_start_seat_idx`,
      `DROP INDEX waiting_list_entries_waiting_since_idx`,
      `DROP INDEX test_sessions_starts_at_idx`,
    ]);
  }
}
