import { hashPassword } from '@kotoportti/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { insertDemoClients, planDemoClients } from './demo-clients';
import { insertDemoCourses, planDemoCourses } from './demo-courses';
import { type DemoHistorySummary, insertDemoHistory } from './demo-history';
import {
  DEMO_OFFICES,
  DEMO_PROVIDERS,
  DEMO_REGION_NAMES,
  DEMO_REGIONS,
  DEMO_TEST_CENTRES,
  insertDemoOrganisations,
} from './demo-organisations';
import { insertDemoSessions, planDemoSessions } from './demo-sessions';
import { DEMO_PASSWORD, insertDemoUsers } from './demo-users';
import { helsinkiDay } from './helsinki-time';

export interface DemoSummary {
  /** False when the demo was already in the database and nothing was added. */
  loaded: boolean;
  regions: number;
  offices: number;
  testCentres: number;
  courseProviders: number;
  users: number;
  /** Demo usernames that were taken already (e.g. ADMIN_USERNAME=admin) and left alone. */
  usersSkipped: string[];
  clients: number;
  identityCodes: number;
  consents: number;
  testSessions: number;
  courses: number;
  /** The past year behind the statistics, when asked for. */
  history?: DemoHistorySummary;
}

const NOTHING_LOADED: DemoSummary = {
  loaded: false,
  regions: 0,
  offices: 0,
  testCentres: 0,
  courseProviders: 0,
  users: 0,
  usersSkipped: [],
  clients: 0,
  identityCodes: 0,
  consents: 0,
  testSessions: 0,
  courses: 0,
};

/** Serialises seeding when three services start together on one fresh database. */
const DEMO_LOCK_ID = '7361202511230002';

export interface SeedDemoOptions {
  /** "Today" for the dates of sessions, courses and registrations; defaults to now. */
  now?: Date;
  /** Also a year of past tests, results, waits, seats and reports (see demo-history.ts). */
  history?: boolean;
}

/** True when the demo regions exist: the demo has been loaded into this database. */
export async function demoPresent(db: DataSource | EntityManager): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM organisations WHERE kind = 'region' AND name = ANY($1::text[]) LIMIT 1`,
    [DEMO_REGION_NAMES],
  );
  return rows.length > 0;
}

async function seedInto(
  manager: EntityManager,
  today: string,
  passwordHash: string,
  withHistory: boolean,
): Promise<DemoSummary> {
  const organisationIds = await insertDemoOrganisations(manager);
  const users = await insertDemoUsers(manager, organisationIds, passwordHash);
  const clients = await insertDemoClients(manager, planDemoClients(today, organisationIds, users));
  const testSessions = await insertDemoSessions(
    manager,
    planDemoSessions(today, organisationIds, users),
  );
  const courses = await insertDemoCourses(manager, planDemoCourses(today, organisationIds, users));
  const history = withHistory ? await insertDemoHistory(manager, today) : undefined;
  return {
    loaded: true,
    regions: DEMO_REGIONS.length,
    offices: DEMO_OFFICES.length,
    testCentres: DEMO_TEST_CENTRES.length,
    courseProviders: DEMO_PROVIDERS.length,
    users: users.created,
    usersSkipped: users.skipped,
    ...clients,
    testSessions,
    courses,
    history,
  };
}

/**
 * Loads the demo (organisations, users, clients with consents, test sessions, courses) in
 * one transaction, or nothing when it is there already. No bookings or seats of today: those
 * are made through the services, which keep their counters and events consistent. With
 * `history`, the past year behind the statistics, written as the services would have left it.
 */
export async function seedDemo(
  db: DataSource,
  options: SeedDemoOptions = {},
): Promise<DemoSummary> {
  if (await demoPresent(db)) return NOTHING_LOADED;
  const today = helsinkiDay(options.now ?? new Date());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1::bigint)', [DEMO_LOCK_ID]);
    // Checked again under the lock: another service may have seeded while we hashed.
    if (await demoPresent(manager)) return NOTHING_LOADED;
    return seedInto(manager, today, passwordHash, options.history ?? false);
  });
}
