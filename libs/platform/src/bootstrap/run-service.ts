import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { modelDataSourceOptions, runMigrationsUnderLock } from '@kotoportti/model';
import { AppConfig, loadConfig } from '../config/app-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { ensureRedis } from '../database/ensure-redis';
import { configureApp } from '../http/configure-app';
import { createJsonLogger } from '../observability/json-logger';
import { ensureFirstAdmin } from './ensure-first-admin';
import { RootModule } from './root-module';

export interface ServiceDefinition {
  /** Shown in logs and the OpenAPI title. */
  name: string;
  features: Type[];
  defaultPort: number;
  /** Runs after migrations, before the service listens (e.g. loading demo data). */
  prepare?: (db: DataSource, config: AppConfig, embedded: boolean) => Promise<void>;
  /** Stop after migrations and prepare, without serving (e.g. `npm run seed:demo`). */
  prepareOnly?: boolean;
}

type Stop = () => Promise<void>;

async function migrate(
  databaseUrl: string,
  config: AppConfig,
  definition: ServiceDefinition,
  embedded: boolean,
) {
  const db = new DataSource(modelDataSourceOptions(databaseUrl));
  await db.initialize();
  try {
    await runMigrationsUnderLock(db);
    await ensureFirstAdmin(db, config);
    await definition.prepare?.(db, config, embedded);
  } finally {
    await db.destroy();
  }
}

/**
 * Starts one service (or all three composed): the database (embedded when DATABASE_URL is
 * unset), Redis, migrations under an advisory lock, then the HTTP server.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  // JSON lines from the first message on, for the log collector (issue 9).
  Logger.overrideLogger(createJsonLogger());
  const logger = new Logger(definition.name);
  const config = loadConfig(process.env, definition.defaultPort);
  const stops: Stop[] = [];

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(config.dataDir, (line) => logger.log(line));
    stops.push(embedded.stop);
    databaseUrl = embedded.url;
  }
  const redis = await ensureRedis(config.redisUrl, config.dataDir, (line) => logger.log(line));
  stops.push(redis.stop);

  await migrate(databaseUrl, config, definition, !config.databaseUrl);
  if (definition.prepareOnly) {
    for (const stop of stops.reverse()) await stop();
    return;
  }

  const app = await NestFactory.create<NestExpressApplication>(
    RootModule.compose({ ...config, databaseUrl }, definition.features),
    { bodyParser: false, logger: createJsonLogger() },
  );
  configureApp(app, definition.name);
  await app.listen(config.port);
  logger.log(`listening on http://localhost:${config.port}`);

  const shutdown = async (signal: string) => {
    logger.log(`${signal}: shutting down`);
    await app.close();
    for (const stop of stops.reverse()) await stop();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));
}
