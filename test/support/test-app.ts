import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppConfig, configureApp, loadConfig, RootModule } from '@kotoportti/platform';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  db: DataSource;
  config: AppConfig & { databaseUrl: string };
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the real feature modules on a private database copy and a private BullMQ prefix,
 * through the same configureApp() as production.
 */
export async function startTestApp(
  features: Type[],
  env: NodeJS.ProcessEnv = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({
      ...process.env,
      QUEUE_PREFIX: `kp-test-${randomBytes(4).toString('hex')}`,
      // A JSON line per request would drown the test output; the logging test turns it on.
      LOG_REQUESTS: 'false',
      ...env,
    }),
    databaseUrl: database.url,
  };
  const app = await NestFactory.create<NestExpressApplication>(
    RootModule.compose(config, features),
    {
      bodyParser: false,
      logger: ['error', 'warn'],
    },
  );
  configureApp(app, 'test');
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** For the benchmarks: closes the app, but with KEEP_DB=1 keeps its database for EXPLAIN ANALYZE. */
export async function closeKeepingDatabaseIfAsked(t: TestApp): Promise<void> {
  if (process.env.KEEP_DB === '1') {
    console.log(`Kept ${t.database.url}`);
    await t.app.close();
  } else {
    await t.close();
  }
}
