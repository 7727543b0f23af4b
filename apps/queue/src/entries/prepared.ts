import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement of the event path as a named prepared statement on the transaction's own
 * connection. Planning the reconcile query took longer than running it (bench:queue); a
 * prepared statement is parsed once per connection and its plan is reused, which is what
 * lets the queue apply thousands of events a second. `name` must be unique per `text`.
 * UPDATEs come back as their RETURNING rows, unlike TypeORM's query().
 */
export async function prepared<T>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error(`${name}: prepared statements run inside a transaction`);
  const client = (await runner.connect()) as PgClient;
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
