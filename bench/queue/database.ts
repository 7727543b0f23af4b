import { DataSource } from 'typeorm';
import { modelDataSourceOptions, runMigrationsUnderLock } from '@kotoportti/model';
import {
  answers,
  databaseUrl,
  dropDatabase,
  LOCAL_SERVER_URL,
  onServer,
} from '../../test/support/test-server';

/** A fresh migrated database on BENCH_DATABASE_URL's server, else the local one; dropped after. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL ?? LOCAL_SERVER_URL;
  if (!(await answers(server))) {
    throw new Error(`No PostgreSQL answers on ${server}: set BENCH_DATABASE_URL`);
  }
  const name = `kp_bench_queue_${process.pid}_${Date.now()}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(server, name);
  const db = new DataSource(modelDataSourceOptions(url));
  await db.initialize();
  await runMigrationsUnderLock(db);
  await db.destroy();
  return { url, drop: () => onServer(server, (client) => dropDatabase(client, name)) };
}
