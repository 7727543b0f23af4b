import { hashPassword } from '@kotoportti/platform';
import { Client } from 'pg';

export const BENCH_PASSWORD = 'bench seat booking passphrase';

export interface SeedSize {
  offices: number;
  providers: number;
  clients: number;
  courses: number;
  seatsPerCourse: number;
}

export interface Seeded {
  /** One official per office, in office order. */
  officialUsernames: string[];
  /** Clients in office round-robin: client i belongs to office i mod offices. */
  clientIds: string[];
  courseIds: string[];
}

/**
 * Thousands of clients, each with consent and a current result at A1.2, and hundreds of
 * courses for A1.1–B1.1 that start next month: every booking of the plan is allowed.
 * Set-based SQL, so seeding takes seconds rather than minutes.
 */
export async function seed(url: string, size: SeedSize): Promise<Seeded> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const hash = await hashPassword(BENCH_PASSWORD);
    const ids = async (sql: string, params: unknown[]) =>
      (await db.query<{ id: string }>(sql, params)).rows.map((row) => row.id);

    const [regionId] = await ids(
      `INSERT INTO organisations (kind, name) VALUES ('region', 'Bench region') RETURNING id`,
      [],
    );
    const officeIds = await ids(
      `INSERT INTO organisations (kind, name, region_id)
       SELECT 'employment-office', 'Bench office ' || n, $1 FROM generate_series(1, $2) n
       ORDER BY n RETURNING id`,
      [regionId, size.offices],
    );
    const officials = await db.query<{ id: string; username: string }>(
      `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
       SELECT 'bench-official-' || n, $1, 'Bench official ' || n, 'official', office_id
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(office_id, n)
       ORDER BY n RETURNING id, username`,
      [hash, officeIds],
    );
    const providerIds = await ids(
      `INSERT INTO organisations (kind, name) SELECT 'course-provider', 'Bench provider ' || n
         FROM generate_series(1, $1) n ORDER BY n RETURNING id`,
      [size.providers],
    );
    const [providerUserId] = await ids(
      `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
       VALUES ('bench-provider', $1, 'Bench provider', 'provider', $2) RETURNING id`,
      [hash, providerIds[0]],
    );
    const courseIds = await ids(
      `INSERT INTO courses (provider_id, region_id, name, target_language, pace, min_level,
                            max_level, starts_on, ends_on, schedule, location, address, seats,
                            created_by)
       SELECT ($1::uuid[])[1 + n % array_length($1::uuid[], 1)], $2, 'Bench course ' || n, 'fi',
              'basic', 'A1.1', 'B1.1', current_date + 30, current_date + 200,
              'Mon–Thu 9–13', 'Room ' || n, 'Benchkatu 1, Helsinki', $3, $4
         FROM generate_series(0, $5 - 1) n ORDER BY n RETURNING id`,
      [providerIds, regionId, size.seatsPerCourse, providerUserId, size.courses],
    );
    const clientIds = await ids(
      `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
                            letter_language, target_language, created_by)
       SELECT ($1::uuid[])[1 + n % array_length($1::uuid[], 1)], 'Bench', 'Client ' || n,
              DATE '1980-01-01' + n % 7000, 'ar', 'ar', 'fi',
              ($2::uuid[])[1 + n % array_length($2::uuid[], 1)]
         FROM generate_series(0, $3 - 1) n ORDER BY n RETURNING id`,
      [officeIds, officials.rows.map((row) => row.id), size.clients],
    );
    await db.query(
      `INSERT INTO consents (client_id, given_at, method, recorded_by)
       SELECT c.id, now(), 'written', c.created_by FROM clients c`,
    );
    await seedResults(db, hash);
    await db.query('ANALYZE');
    return {
      officialUsernames: officials.rows.map((row) => row.username),
      clientIds,
      courseIds,
    };
  } finally {
    await db.end();
  }
}

/** One attended placement test per client with a current result at A1.2. */
async function seedResults(db: Client, hash: string): Promise<void> {
  const centre = await db.query<{ id: string }>(
    `INSERT INTO organisations (kind, name) VALUES ('test-centre', 'Bench test centre') RETURNING id`,
  );
  const tester = await db.query<{ id: string }>(
    `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
     VALUES ('bench-tester', $1, 'Bench tester', 'tester', $2) RETURNING id`,
    [hash, centre.rows[0].id],
  );
  const session = await db.query<{ id: string }>(
    `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at,
                                location, address, capacity, created_by)
     VALUES ($1, 'initial', 'fi', now() - interval '30 days',
             now() - interval '30 days' + interval '3 hours', 'Hall', 'Testikatu 1', 500, $2)
     RETURNING id`,
    [centre.rows[0].id, tester.rows[0].id],
  );
  await db.query(
    `WITH bookings AS (
       INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status, booked_by)
       SELECT $1, c.id, 'initial', s.starts_at, s.ends_at, 'attended', $2
         FROM clients c CROSS JOIN test_sessions s WHERE s.id = $1
       RETURNING id, client_id
     )
     INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing,
                               literacy, start_level, pace, recommendation, entered_by)
     SELECT id, client_id, 'A1.2', 'A1.2', 'A1.2', 'A1.2', 'literate-latin', 'A1.2', 'basic',
            'Integration training at basic pace', $2
       FROM bookings`,
    [session.rows[0].id, tester.rows[0].id],
  );
}
