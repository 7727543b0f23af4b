import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { modelDataSourceOptions, runMigrationsUnderLock } from '../../libs/model/src';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';
import { answers, databaseUrl, dropDatabase, LOCAL_SERVER_URL, onServer } from './test-server';

declare global {
  var stopEmbeddedTestPostgres: (() => Promise<void>) | undefined;
}

/** Picks the server, then migrates a template database once; each test file copies it. */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    if (await answers(LOCAL_SERVER_URL)) {
      serverUrl = LOCAL_SERVER_URL;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'kotoportti-test-pg-'));
      const embedded = await startEmbeddedPostgres(dataDir, () => undefined);
      globalThis.stopEmbeddedTestPostgres = embedded.stop;
      serverUrl = databaseUrl(embedded.url, 'postgres');
    }
  }
  // Unique per run, so two runs on one server (CI beside a developer) never collide.
  const template = `kp_template_${process.pid}_${Date.now()}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
  const db = new DataSource(modelDataSourceOptions(databaseUrl(serverUrl, template)));
  await db.initialize();
  await runMigrationsUnderLock(db);
  await db.destroy();
  process.env.KP_TEST_SERVER_URL = serverUrl;
  process.env.KP_TEST_TEMPLATE = template;
}

export async function dropTemplate(): Promise<void> {
  const serverUrl = process.env.KP_TEST_SERVER_URL;
  const template = process.env.KP_TEST_TEMPLATE;
  if (serverUrl && template) await onServer(serverUrl, (client) => dropDatabase(client, template));
}
