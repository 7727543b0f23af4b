import type { DataSource, Migration } from 'typeorm';

/** Any fixed number will do, as long as every service uses the same one. */
export const MIGRATIONS_LOCK_ID = '7361202511230001';

/**
 * Runs the pending migrations while holding a session-level advisory lock, so that three
 * services starting together apply them once, one after another, instead of racing.
 * The lock lives on its own pooled connection (the migrations use another one), so the
 * pool needs at least two connections.
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATIONS_LOCK_ID]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATIONS_LOCK_ID]);
    }
  } finally {
    await lockRunner.release();
  }
}
