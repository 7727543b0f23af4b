import { hashPassword } from '@kotoportti/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { RECOMPUTE_SQL } from '../../apps/queue/src/entries/recompute.sql';

export const REGIONS = 4;
export const OFFICES_PER_REGION = 2;
export const PASSWORD = 'bench queue password';

export interface World {
  officeIds: string[];
  officialUsername: string;
  testerId: string;
  courseIds: string[];
  sessionIds: string[];
}

/**
 * Regions, offices, an official and a tester, 365 past test sessions (one a day), and the
 * clients: each with consent, an attended booking and a result spread over every language,
 * pace and level, so the waits range over a year.
 */
async function organisations(db: DataSource): Promise<Omit<World, 'courseIds' | 'sessionIds'>> {
  const officeIds: string[] = [];
  for (let r = 0; r < REGIONS; r++) {
    const [{ id: regionId }] = await db.query(
      `INSERT INTO organisations (kind, name) VALUES ('region', $1) RETURNING id`,
      [`Bench region ${r}`],
    );
    for (let o = 0; o < OFFICES_PER_REGION; o++) {
      const [{ id }] = await db.query(
        `INSERT INTO organisations (kind, name, region_id) VALUES ('employment-office', $1, $2) RETURNING id`,
        [`Bench office ${r}.${o}`, regionId],
      );
      officeIds.push(id);
    }
  }
  const [{ id: centreId }] = await db.query(
    `INSERT INTO organisations (kind, name) VALUES ('test-centre', 'Bench centre') RETURNING id`,
  );
  const hash = await hashPassword(PASSWORD);
  await db.query(
    `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
     VALUES ('bench-official', $1, 'Bench official', 'official', $2)`,
    [hash, officeIds[0]],
  );
  const [{ id: testerId }] = await db.query(
    `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
     VALUES ('bench-tester', $1, 'Bench tester', 'tester', $2) RETURNING id`,
    [hash, centreId],
  );
  return { officeIds, officialUsername: 'bench-official', testerId };
}

async function sessions(db: DataSource, testerId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at,
                                location, address, capacity, created_by)
     SELECT u.organisation_id, 'initial', 'fi', now() - make_interval(days => d, hours => 2),
            now() - make_interval(days => d), 'Room 1', 'Testikatu 1', 500, u.id
       FROM generate_series(1, 365) d, users u WHERE u.id = $1
     RETURNING id`,
    [testerId],
  );
  return rows.map((row) => row.id);
}

/** `count` clients, numbered from `first`, each tested in session n mod 365. */
export async function seedClients(
  db: Pick<EntityManager, 'query'>,
  world: Pick<World, 'officeIds' | 'testerId' | 'sessionIds'>,
  first: number,
  count: number,
): Promise<void> {
  await db.query(
    `WITH n AS (SELECT generate_series($1::int, $1::int + $2::int - 1) AS n),
     created AS (
       INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
                            letter_language, target_language, created_by)
       SELECT ($3::uuid[])[1 + n % array_length($3::uuid[], 1)], 'Bench', 'Client ' || n,
              DATE '1980-01-01' + n % 9000, 'ar', 'ar', CASE WHEN n % 7 = 0 THEN 'sv' ELSE 'fi' END, $4
         FROM n
       RETURNING id, (regexp_replace(last_name, '\\D', '', 'g'))::int AS n
     ), consent AS (
       INSERT INTO consents (client_id, given_at, method, recorded_by)
       SELECT id, now() - interval '400 days', 'written', $4 FROM created
     ), booking AS (
       INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status, booked_by)
       SELECT s.id, c.id, 'initial', s.starts_at, s.ends_at, 'attended', $4
         FROM created c JOIN test_sessions s ON s.id = ($5::uuid[])[1 + c.n % 365]
       RETURNING id, client_id
     )
     INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing, literacy,
                               start_level, pace, recommendation, entered_by, entered_at)
     SELECT b.id, b.client_id, l.level, l.level, l.level, l.level, 'literate-latin', l.level,
            (ARRAY['fast','basic','slow','literacy'])[1 + c.n % 4], 'Integration training', $4,
            now() - make_interval(secs => c.n)
       FROM booking b JOIN created c ON c.id = b.client_id
       CROSS JOIN LATERAL (SELECT (ARRAY['below-A1.1','A1.1','A1.2','A1.3','A2.1','A2.2','B1.1',
                                          'B1.2','B2.1','B2.2','C1.1','C1.2','C2.1','C2.2'])
                                   [1 + (c.n / 4) % 14] AS level) l`,
    [first, count, world.officeIds, world.testerId, world.sessionIds],
  );
}

/** 200 courses over every language and pace, level ranges of two to four steps, all regions. */
async function courses(db: DataSource, count: number): Promise<string[]> {
  const [{ id: providerId }] = await db.query(
    `INSERT INTO organisations (kind, name) VALUES ('course-provider', 'Bench provider') RETURNING id`,
  );
  const rows: Array<{ id: string }> = await db.query(
    `WITH levels AS (SELECT ARRAY['below-A1.1','A1.1','A1.2','A1.3','A2.1','A2.2','B1.1','B1.2',
                                  'B2.1','B2.2','C1.1','C1.2','C2.1','C2.2'] AS l),
          regions AS (SELECT array_agg(id ORDER BY name) AS r FROM organisations WHERE kind = 'region')
     INSERT INTO courses (provider_id, region_id, name, target_language, pace, min_level, max_level,
                          starts_on, ends_on, schedule, location, address, seats, created_by)
     SELECT $1, regions.r[1 + n % 4], 'Bench course ' || n, CASE WHEN n % 7 = 0 THEN 'sv' ELSE 'fi' END,
            (ARRAY['fast','basic','slow','literacy'])[1 + n % 4],
            levels.l[1 + n % 11], levels.l[1 + n % 11 + 1 + n % 3],
            CURRENT_DATE + 30, CURRENT_DATE + 200, 'Mon–Thu', 'Room', 'Kurssikatu 1', 20,
            (SELECT id FROM users WHERE username = 'bench-official')
       FROM generate_series(1, $2) n, levels, regions
     RETURNING id`,
    [providerId, count],
  );
  return rows.map((row) => row.id);
}

/**
 * Builds the world and its waiting lists. The entries are written from the from-scratch
 * recomputation, i.e. exactly what applying each client's result event would have given.
 */
export async function seed(db: DataSource, clients: number, courseCount: number): Promise<World> {
  const people = await organisations(db);
  const sessionIds = await sessions(db, people.testerId);
  const world = { ...people, sessionIds, courseIds: [] as string[] };
  for (let first = 0; first < clients; first += 20_000) {
    await seedClients(db, world, first, Math.min(20_000, clients - first));
  }
  await db.query(
    `INSERT INTO waiting_list_entries (client_id, office_id, region_id, target_language, pace,
                                       start_level, waiting_since, result_at)
     SELECT client_id, office_id, region_id, target_language, pace, start_level, waiting_since, result_at
       FROM (${RECOMPUTE_SQL}) truth WHERE status = 'waiting'`,
    ['return'],
  );
  world.courseIds = await courses(db, courseCount);
  await db.query(`VACUUM ANALYZE`);
  return world;
}
