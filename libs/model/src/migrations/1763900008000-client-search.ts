import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll } from './sql';

/**
 * Client search within an office (issue 7: under 100 ms with 100,000 clients), found with
 * EXPLAIN ANALYZE on bench/pages' data. Fragments of three letters or more use the trigram
 * index of 1763900000000 and a whole identity code its unique index; these serve the rest.
 */
export class ClientSearch1763900008000 implements MigrationInterface {
  name = 'ClientSearch1763900008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      // The office's clients in name order, the first page read from the index without a sort.
      `CREATE INDEX clients_office_name_idx ON clients (office_id, last_name, first_name)`,
      // One or two letters (trigrams need three) match the start of the last name: in byte
      // order ("C"), this index both finds that range and returns it sorted, so the first
      // page is read without touching the thousands of other matches.
      `CREATE INDEX clients_office_last_name_prefix_idx
         ON clients (office_id, (lower(last_name) COLLATE "C"), (lower(first_name) COLLATE "C"))`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP INDEX clients_office_last_name_prefix_idx`,
      `DROP INDEX clients_office_name_idx`,
    ]);
  }
}
