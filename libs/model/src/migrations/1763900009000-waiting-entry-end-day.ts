import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll } from './sql';

/**
 * The Finnish calendar day a queue entry ended on, stored beside `ended_at`. The waiting-times
 * report (issue 8) reads it several times per entry; converting 90,000 instants to Helsinki
 * time in every request cost more than the rest of the report. `timezone(text, timestamptz)`
 * is immutable, so PostgreSQL keeps the column right on every write, whoever writes.
 */
export class WaitingEntryEndDay1763900009000 implements MigrationInterface {
  name = 'WaitingEntryEndDay1763900009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `ALTER TABLE waiting_list_entries ADD COLUMN ended_on date
         GENERATED ALWAYS AS ((ended_at AT TIME ZONE 'Europe/Helsinki')::date) STORED`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [`ALTER TABLE waiting_list_entries DROP COLUMN ended_on`]);
  }
}
