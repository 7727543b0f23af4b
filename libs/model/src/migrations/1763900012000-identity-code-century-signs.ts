import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalIdentityCode, CONSTRAINTS } from '../constraints';
import { runAll } from './sql';

const UNIQUE = CONSTRAINTS.personalIdentityCodeUnique;
const CANONICAL = canonicalIdentityCode('personal_identity_code');

/**
 * One client per person, whichever century sign the code was written with (issue 3): the
 * unique constraint compared the codes as typed, so 131052-308T and 131052Y308T made two
 * clients. The index keeps the constraint's name, so a violation still maps to
 * identity-code-taken; the code itself is stored as given.
 */
export class IdentityCodeCenturySigns1763900012000 implements MigrationInterface {
  name = 'IdentityCodeCenturySigns1763900012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await refuseExistingDuplicates(queryRunner);
    await runAll(queryRunner, [
      `ALTER TABLE clients DROP CONSTRAINT ${UNIQUE}`,
      `CREATE UNIQUE INDEX ${UNIQUE} ON clients (${CANONICAL})`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP INDEX ${UNIQUE}`,
      `ALTER TABLE clients ADD CONSTRAINT ${UNIQUE} UNIQUE (personal_identity_code)`,
    ]);
  }
}

/**
 * Clients registered twice before this fix would make CREATE UNIQUE INDEX fail with the
 * duplicated code in its message, and so in the start-up log. Only people can tell which
 * record to keep, so stop with a count and the query that finds them instead.
 */
async function refuseExistingDuplicates(queryRunner: QueryRunner): Promise<void> {
  const findThem = `SELECT ${CANONICAL}, array_agg(id) FROM clients
     WHERE personal_identity_code IS NOT NULL GROUP BY 1 HAVING count(*) > 1`;
  const rows: { people: number }[] = await queryRunner.query(
    `SELECT count(*)::int AS people FROM (${findThem}) AS duplicated`,
  );
  const people = rows[0]?.people ?? 0;
  if (people > 0) {
    throw new Error(
      `${people} people are registered as more than one client, their identity codes written ` +
        `with different century signs. Merge each into one client, then start again. ` +
        `They are: ${findThem.replace(/\s+/g, ' ')}`,
    );
  }
}
