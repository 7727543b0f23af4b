import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { modelDataSourceOptions, runMigrationsUnderLock } from '@kotoportti/model';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';
import {
  answers,
  databaseUrl,
  dropDatabase,
  LOCAL_SERVER_URL,
  onServer,
} from '../../test/support/test-server';

export interface BenchDatabase {
  url: string;
  /** Drops the database and stops an embedded server started for it. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: on BENCH_DATABASE_URL's server, else the local
 * server the tests use, else an embedded PostgreSQL in a temporary directory.
 */
export async function freshDatabase(): Promise<BenchDatabase> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stopServer: () => Promise<void> = async () => undefined;
  if (!serverUrl && (await answers(LOCAL_SERVER_URL))) serverUrl = LOCAL_SERVER_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(
      mkdtempSync(join(tmpdir(), 'kotoportti-bench-pg-')),
      () => undefined,
    );
    serverUrl = databaseUrl(embedded.url, 'postgres');
    stopServer = embedded.stop;
  }
  const server = serverUrl;
  const name = `kp_bench_seats_${process.pid}_${Date.now()}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(server, name);
  const db = new DataSource(modelDataSourceOptions(url));
  await db.initialize();
  await runMigrationsUnderLock(db);
  await db.destroy();
  return {
    url,
    close: async () => {
      await onServer(server, (client) => dropDatabase(client, name));
      await stopServer();
    },
  };
}
