import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll } from './sql';

/**
 * PDFs are compressed already: PostgreSQL's attempt to compress each one again before storing
 * it out of line only costs CPU (measured: 2,000 letter inserts took 1.3–1.5 s with it,
 * 0.5–0.8 s without; bench/README.md, Letters). EXTERNAL stores them out of line as they are.
 */
export class LetterPdfStorage1763900011000 implements MigrationInterface {
  name = 'LetterPdfStorage1763900011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `ALTER TABLE letters ALTER COLUMN pdf SET STORAGE EXTERNAL`,
      `ALTER TABLE letter_batches ALTER COLUMN pdf SET STORAGE EXTERNAL`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `ALTER TABLE letter_batches ALTER COLUMN pdf SET STORAGE EXTENDED`,
      `ALTER TABLE letters ALTER COLUMN pdf SET STORAGE EXTENDED`,
    ]);
  }
}
