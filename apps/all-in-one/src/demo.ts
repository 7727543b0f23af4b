import { Logger } from '@nestjs/common';
import type { AppConfig } from '@kotoportti/platform';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users';
import { demoPresent, seedDemo, type DemoSummary } from './demo/seed-demo';

const logger = new Logger('demo');

/** `--demo`: load the demo data (once) before the services start. */
export function demoRequested(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--demo') || seedOnlyRequested(argv);
}

/**
 * `--seed-only` (implies `--demo`): load the demo data and stop instead of serving.
 * loadDemoDataIfWanted never exits the process itself, because it runs inside runService's
 * prepare step and the embedded PostgreSQL must still be shut down cleanly; the caller checks
 * this flag after prepare and stops.
 */
export function seedOnlyRequested(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--seed-only');
}

/**
 * A fresh embedded database: no organisations and no users, apart from the first admin that
 * ensureFirstAdmin may have just created from ADMIN_USERNAME (it runs before prepare).
 */
async function freshDatabase(db: DataSource, config: AppConfig): Promise<boolean> {
  const rows: { organisations: number; users: number }[] = await db.query(
    `SELECT (SELECT count(*) FROM organisations)::int AS organisations,
            (SELECT count(*) FROM users WHERE lower(username) <> lower($1))::int AS users`,
    [config.adminUsername ?? ''],
  );
  return rows[0].organisations === 0 && rows[0].users === 0;
}

function describe(summary: DemoSummary): string {
  const skipped =
    summary.usersSkipped.length > 0
      ? ` (usernames already taken, left as they were: ${summary.usersSkipped.join(', ')})`
      : '';
  return (
    `demo data loaded: ${summary.regions} regions, ${summary.offices} employment offices, ` +
    `${summary.testCentres} test centres, ${summary.courseProviders} course providers, ` +
    `${summary.users} users${skipped}, ${summary.clients} clients ` +
    `(${summary.identityCodes} with an identity code, ${summary.consents} with consent), ` +
    `${summary.testSessions} test sessions, ${summary.courses} courses` +
    (summary.history
      ? `, and a past year of ${summary.history.pastSessions} sessions, ${summary.history.pastClients} ` +
        `clients tested, ${summary.history.queueEntries} queue entries and ${summary.history.seats} seats. `
      : '. ') +
    `Sign in as ${DEMO_USERS.map((user) => user.username).join(', ')} ` +
    `with the password ${DEMO_PASSWORD}`
  );
}

/**
 * runService's prepare step for `npm start`: loads the demo data when `--demo` (or
 * `--seed-only`) is given, or on the first start of a fresh embedded database, so that a
 * newcomer's `npm start` shows a working system. Never loads twice.
 */
export async function loadDemoDataIfWanted(
  db: DataSource,
  config: AppConfig,
  embedded: boolean,
): Promise<void> {
  const wanted = demoRequested() || (embedded && (await freshDatabase(db, config)));
  if (!wanted) return;
  if (await demoPresent(db)) {
    logger.log('demo data is already in the database; nothing loaded');
    return;
  }
  // With a year of history, so the statistics pages have figures to show.
  const summary = await seedDemo(db, { history: true });
  logger.log(
    summary.loaded ? describe(summary) : 'demo data is already in the database; nothing loaded',
  );
}
