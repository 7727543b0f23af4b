import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { BENCH, Pair } from './config';

export interface Seeded {
  token: string;
  officialId: string;
  officeId: string;
  /** Every (session, client) pair that can be booked, in the order the load takes them. */
  pairs: Pair[];
}

const KINDS = ['initial', 'literacy', 'retest'] as const;

async function one<T>(db: Client, sql: string, params: unknown[] = []): Promise<T> {
  return (await db.query(sql, params)).rows[0] as T;
}

/**
 * 10,000 clients with consent, 500 future sessions of the three kinds at distinct times, and
 * an official with an API token. Each client can hold one booking of each kind, so there are
 * 30,000 bookable pairs, each session taking about 60 of its 100 places.
 */
export async function seed(db: Client): Promise<Seeded> {
  const region = await one<{ id: string }>(
    db,
    `INSERT INTO organisations (kind, name) VALUES ('region', 'Bench region') RETURNING id`,
  );
  const office = await one<{ id: string }>(
    db,
    `INSERT INTO organisations (kind, name, region_id)
     VALUES ('employment-office', 'Bench office', $1) RETURNING id`,
    [region.id],
  );
  const centre = await one<{ id: string }>(
    db,
    `INSERT INTO organisations (kind, name) VALUES ('test-centre', 'Bench centre') RETURNING id`,
  );
  const addUser = (role: string, organisationId: string) =>
    one<{ id: string }>(
      db,
      `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
       VALUES ($1, 'not-a-hash: nobody signs in with a password here', $1, $2, $3) RETURNING id`,
      [`bench-${role}`, role, organisationId],
    );
  const official = await addUser('official', office.id);
  const tester = await addUser('tester', centre.id);
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO auth_tokens (token_hash, user_id, kind, expires_at)
     VALUES ($1, $2, 'api', now() + interval '1 day')`,
    [createHash('sha256').update(token).digest('hex'), official.id],
  );

  await db.query(
    `WITH created AS (
       INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
                            letter_language, target_language, created_by)
       SELECT $1, 'Client', 'Number ' || n, DATE '1960-01-01' + (n % 15000), 'ar', 'ar', 'fi', $2
         FROM generate_series(1, $3) n
       RETURNING id
     )
     INSERT INTO consents (client_id, given_at, method, recorded_by)
     SELECT id, now(), 'written', $2 FROM created`,
    [office.id, official.id, BENCH.clients],
  );
  await db.query(
    `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at,
                                location, address, capacity, created_by)
     SELECT $1, (ARRAY['initial', 'literacy', 'retest'])[i % 3 + 1], 'fi',
            date_trunc('hour', now()) + interval '2 days' + i * interval '4 hours',
            date_trunc('hour', now()) + interval '2 days' + i * interval '4 hours' + interval '3 hours',
            'Room ' || (i % 5), 'Benchmark street 1, Helsinki', $2, $3
       FROM generate_series(0, $4 - 1) i`,
    [centre.id, BENCH.capacity, tester.id, BENCH.sessions],
  );
  await db.query(`VACUUM ANALYZE`);

  const clients = (await db.query<{ id: string }>(`SELECT id FROM clients ORDER BY id`)).rows;
  const sessions = (
    await db.query<{ id: string; kind: string }>(
      `SELECT id, kind FROM test_sessions ORDER BY starts_at`,
    )
  ).rows;
  const pairs: Pair[] = [];
  for (const kind of KINDS) {
    const ofKind = sessions.filter((session) => session.kind === kind);
    clients.forEach((client, i) => pairs.push([ofKind[i % ofKind.length].id, client.id]));
  }
  return { token, officialId: official.id, officeId: office.id, pairs };
}

/** Back to no bookings, so that each phase starts from the same state. */
export async function reset(db: Client): Promise<void> {
  await db.query(`DELETE FROM test_bookings`);
  await db.query(`UPDATE test_sessions SET booked_count = 0`);
  await db.query(`VACUUM ANALYZE test_bookings, test_sessions, audit_events`);
}
