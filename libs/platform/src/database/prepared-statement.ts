import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * A statement of a hot path (booking a test place or a seat), named so that each pooled
 * connection parses and plans it once and then only binds and runs it. Planning cost
 * PostgreSQL more than running these statements: the raw booking transaction went from 339-362
 * to 724-759 bookings/s when named (bench/booking, 2026-11-23). A name belongs to one text for
 * the whole application: `pg` refuses the same name with another text on a connection.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Runs a prepared statement on the connection of the manager's transaction (TypeORM's own
 * `query` has no way to name a statement). Errors are `pg`'s, which carry the same
 * `constraint` and `code` fields that violatedConstraint reads.
 */
export async function queryPrepared<Row>(
  manager: EntityManager,
  statement: PreparedStatement,
  params: readonly unknown[],
): Promise<Row[]> {
  const runner = manager.queryRunner;
  if (!runner) {
    throw new Error(`${statement.name}: prepared statements run in a transaction's manager`);
  }
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query({
    name: statement.name,
    text: statement.text,
    values: [...params],
  });
  return result.rows as Row[];
}
