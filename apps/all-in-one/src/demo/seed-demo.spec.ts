import { modelDataSourceOptions, PACES, ROLES, TEST_KINDS } from '@kotoportti/model';
import { verifyPassword } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { parseIdentityCode } from '../../../booking/src/clients/identity-code';
import { DEMO_NATIVE_LANGUAGES } from './demo-names';
import { DEMO_PASSWORD } from './demo-users';
import { seedDemo, type DemoSummary } from './seed-demo';

async function openDatabase(): Promise<{ database: TestDatabase; db: DataSource }> {
  const database = await createTestDatabase();
  const db = new DataSource(modelDataSourceOptions(database.url));
  await db.initialize();
  return { database, db };
}

async function count(db: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0].n;
}

async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const tables = ['organisations', 'users', 'clients', 'consents', 'test_sessions', 'courses'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await count(db, table);
  return counts;
}

interface PersonRow {
  first_name: string;
  last_name: string;
  birth_date: string;
  personal_identity_code: string | null;
  native_language: string;
}

/** Sessions not on a Helsinki weekday 9.00–12.00 or 13.00–16.00 local time. */
function sessionsOutsideOfficeHours(db: DataSource): Promise<number> {
  return count(
    db,
    `(SELECT extract(hour FROM starts_at AT TIME ZONE 'Europe/Helsinki') AS starts,
             extract(hour FROM ends_at AT TIME ZONE 'Europe/Helsinki') AS ends,
             extract(isodow FROM starts_at AT TIME ZONE 'Europe/Helsinki') AS weekday
      FROM test_sessions) local
     WHERE (starts, ends) NOT IN ((9, 12), (13, 16)) OR weekday > 5`,
  );
}

const PEOPLE_SQL = `SELECT first_name, last_name, birth_date, personal_identity_code, native_language
  FROM clients ORDER BY last_name, first_name, birth_date, personal_identity_code`;

describe('seedDemo', () => {
  let database: TestDatabase;
  let db: DataSource;
  let summary: DemoSummary;
  const startedAt = new Date();

  beforeAll(async () => {
    ({ database, db } = await openDatabase());
    summary = await seedDemo(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('creates two regions, three employment offices, two test centres and three providers', async () => {
    const rows: { kind: string; n: number }[] = await db.query(
      `SELECT kind, count(*)::int AS n FROM organisations GROUP BY kind`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.kind, row.n]))).toEqual({
      region: 2,
      'employment-office': 3,
      'test-centre': 2,
      'course-provider': 3,
    });
    expect(summary).toMatchObject({ loaded: true, regions: 2, offices: 3, courseProviders: 3 });
    expect(
      await count(db, `organisations WHERE kind = 'employment-office' AND language = 'sv'`),
    ).toBe(1);
    expect(
      await count(
        db,
        `organisations WHERE kind <> 'region' AND (phone IS NULL OR email IS NULL OR street_address IS NULL)`,
      ),
    ).toBe(0);
  });

  it('creates a user of every role, each in an organisation of the kind the role belongs to', async () => {
    const rows: { role: string; kind: string | null }[] = await db.query(
      `SELECT u.role, o.kind FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`,
    );
    expect(new Set(rows.map((row) => row.role))).toEqual(new Set(ROLES));
    const kindOf: Record<string, string | null> = {
      official: 'employment-office',
      tester: 'test-centre',
      provider: 'course-provider',
      analyst: 'region',
      admin: null,
    };
    for (const row of rows) expect(row.kind).toBe(kindOf[row.role]);
    expect(summary.usersSkipped).toEqual([]);
  });

  it('lets a demo user sign in with the documented password, and no other', async () => {
    const rows: { password_hash: string }[] = await db.query(
      `SELECT password_hash FROM users WHERE username = 'official'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(rows[0].password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(rows[0].password_hash, 'kotoportti-demo!')).toBe(false);
  });

  it('registers 200 clients speaking the languages of SPEC §2, born 1960–2005', async () => {
    expect(await count(db, 'clients')).toBe(200);
    const languages: { native_language: string }[] = await db.query(
      `SELECT DISTINCT native_language FROM clients`,
    );
    expect(new Set(languages.map((row) => row.native_language))).toEqual(
      new Set(DEMO_NATIVE_LANGUAGES),
    );
    expect(
      await count(db, `clients WHERE birth_date NOT BETWEEN '1960-01-01' AND '2005-12-31'`),
    ).toBe(0);
    expect(await count(db, `clients WHERE letter_language <> native_language`)).toBe(0);
    expect(await count(db, `clients WHERE interpreter_language IS NOT NULL`)).toBeGreaterThan(20);
    // Every office has clients, and a Swedish-language office trains in Swedish.
    const mismatched = await count(
      db,
      `clients c JOIN organisations o ON o.id = c.office_id WHERE c.target_language <> o.language`,
    );
    expect(mismatched).toBe(0);
    expect(await count(db, `(SELECT DISTINCT office_id FROM clients) offices`)).toBe(3);
  });

  it('gives about 30 % of the clients a valid, unique identity code matching the birth date', async () => {
    const rows: { code: string; birth_date: string }[] = await db.query(
      `SELECT personal_identity_code AS code, birth_date FROM clients
       WHERE personal_identity_code IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.length).toBeLessThanOrEqual(80);
    expect(rows.length).toBe(summary.identityCodes);
    for (const row of rows) {
      expect({ code: row.code, parsed: parseIdentityCode(row.code) }).toEqual({
        code: row.code,
        parsed: { birthDate: row.birth_date },
      });
      const individual = Number(row.code.slice(7, 10));
      expect(individual).toBeGreaterThanOrEqual(100);
      expect(individual).toBeLessThanOrEqual(899);
    }
    expect(new Set(rows.map((row) => row.code)).size).toBe(rows.length);
  });

  it('records consent for most clients, by the official of their own office', async () => {
    const consents = await count(db, 'consents WHERE withdrawn_at IS NULL');
    expect(consents).toBe(summary.consents);
    expect(consents).toBeGreaterThanOrEqual(150);
    expect(consents).toBeLessThan(200);
    const foreign = await count(
      db,
      `consents k JOIN clients c ON c.id = k.client_id JOIN users u ON u.id = k.recorded_by
       WHERE u.organisation_id <> c.office_id OR k.given_at < c.created_at`,
    );
    expect(foreign).toBe(0);
  });

  it('plans test sessions over the next six weeks at both centres, in Helsinki working hours', async () => {
    const sessions = await count(db, 'test_sessions');
    expect(sessions).toBe(summary.testSessions);
    expect(sessions).toBeGreaterThan(60);
    const horizon = new Date(startedAt.getTime() + 43 * 24 * 3600 * 1000);
    expect(
      await count(db, `test_sessions WHERE starts_at <= $1 OR starts_at > $2`, [
        startedAt,
        horizon,
      ]),
    ).toBe(0);
    expect(await sessionsOutsideOfficeHours(db)).toBe(0);
    expect(await count(db, `(SELECT DISTINCT test_centre_id FROM test_sessions) centres`)).toBe(2);
    const kinds: { kind: string }[] = await db.query(`SELECT DISTINCT kind FROM test_sessions`);
    expect(new Set(kinds.map((row) => row.kind))).toEqual(new Set(TEST_KINDS));
    expect(
      await count(db, `test_sessions WHERE capacity NOT BETWEEN 8 AND 16 OR booked_count <> 0`),
    ).toBe(0);
    expect(await count(db, `test_sessions WHERE target_language = 'fi'`)).toBeGreaterThan(
      sessions / 2,
    );
  });

  it('never puts two sessions in one room at the same time', async () => {
    const overlaps = await count(
      db,
      `test_sessions a JOIN test_sessions b
         ON a.id < b.id AND a.test_centre_id = b.test_centre_id AND a.location = b.location
        AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`,
    );
    expect(overlaps).toBe(0);
  });

  it('publishes courses of every pace at every provider, in both regions, within three months', async () => {
    const rows: { pace: string; provider_id: string; region_id: string }[] = await db.query(
      `SELECT pace, provider_id, region_id FROM courses`,
    );
    expect(rows.length).toBe(summary.courses);
    expect(new Set(rows.map((row) => row.pace))).toEqual(new Set(PACES));
    expect(new Set(rows.map((row) => row.provider_id)).size).toBe(3);
    expect(new Set(rows.map((row) => row.region_id)).size).toBe(2);
    const paces = await count(db, `(SELECT DISTINCT provider_id, pace FROM courses) offered`);
    expect(paces).toBe(3 * PACES.length);
    expect(
      await count(
        db,
        `courses WHERE starts_on <= current_date OR starts_on > current_date + 92
            OR seats NOT BETWEEN 12 AND 20 OR seats_taken <> 0`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `courses WHERE pace = 'literacy' AND (min_level, max_level) <> ('below-A1.1', 'A1.1')`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `courses WHERE pace <> 'literacy' AND level_rank(min_level) < level_rank('A1.1')`,
      ),
    ).toBe(0);
  });

  it('adds nothing when it is run a second time', async () => {
    const before = await tableCounts(db);
    const again = await seedDemo(db);
    expect(again.loaded).toBe(false);
    expect(again.clients).toBe(0);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('produces the same people on every run, and keeps local times across DST and Easter', async () => {
    const other = await openDatabase();
    try {
      // Six weeks from here span the change to summer time (30 March) and Easter 2031.
      await seedDemo(other.db, { now: new Date('2031-03-10T10:00:00Z') });
      const mine: PersonRow[] = await db.query(PEOPLE_SQL);
      const theirs: PersonRow[] = await other.db.query(PEOPLE_SQL);
      expect(theirs).toEqual(mine);
      expect(await sessionsOutsideOfficeHours(other.db)).toBe(0);
      expect(
        await count(other.db, `test_sessions WHERE starts_at >= '2031-03-31'`),
      ).toBeGreaterThan(10);
      const onGoodFridayOrEasterMonday = await count(
        other.db,
        `test_sessions WHERE (starts_at AT TIME ZONE 'Europe/Helsinki')::date
           IN ('2031-04-11', '2031-04-14')`,
      );
      expect(onGoodFridayOrEasterMonday).toBe(0);
    } finally {
      await other.db.destroy();
      await other.database.drop();
    }
  });
});
