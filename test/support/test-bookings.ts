import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';

const DAY_MS = 24 * 3600_000;
let slot = 0;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A future session input; each call gets its own room so sessions never overlap by accident. */
export function sessionInput(overrides: Record<string, unknown> = {}) {
  slot += 1;
  const startsAt = new Date(Date.now() + (10 + slot) * DAY_MS);
  startsAt.setUTCHours(7, 0, 0, 0);
  return {
    kind: 'initial',
    targetLanguage: 'fi',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
    location: `Room ${randomBytes(3).toString('hex')}`,
    address: 'Siltasaarenkatu 18, 00530 Helsinki',
    capacity: 10,
    ...overrides,
  };
}

export async function createSession(
  http: TestAgent,
  testerToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await http
    .post('/api/test-sessions')
    .set(bearer(testerToken))
    .send(sessionInput(overrides));
  if (response.status !== 201)
    throw new Error(`creating a session gave ${response.status}: ${response.text}`);
  return (response.body as { id: string }).id;
}

export async function giveConsent(http: TestAgent, officialToken: string, clientId: string) {
  const response = await http
    .post(`/api/clients/${clientId}/consents`)
    .set(bearer(officialToken))
    .send({ givenAt: new Date(Date.now() - 60_000).toISOString(), method: 'written' });
  if (response.status !== 201)
    throw new Error(`recording consent gave ${response.status}: ${response.text}`);
}

export async function book(
  http: TestAgent,
  officialToken: string,
  sessionId: string,
  clientId: string,
): Promise<string> {
  const response = await http
    .post(`/api/test-sessions/${sessionId}/bookings`)
    .set(bearer(officialToken))
    .send({ clientId });
  if (response.status !== 201) throw new Error(`booking gave ${response.status}: ${response.text}`);
  return (response.body as { id: string }).id;
}

/**
 * Moves a session and its bookings into the past, as time would: the API rightly refuses
 * to create one there, but attendance and results need a session that has begun.
 */
export async function moveSessionToPast(db: DataSource, sessionId: string, daysAgo = 1) {
  const shift = `(SELECT starts_at - (now() - make_interval(days => $2)) FROM test_sessions WHERE id = $1)`;
  await db.query(
    `UPDATE test_bookings SET starts_at = starts_at - ${shift}, ends_at = ends_at - ${shift}
      WHERE session_id = $1`,
    [sessionId, daysAgo],
  );
  await db.query(
    `UPDATE test_sessions SET starts_at = starts_at - ${shift}, ends_at = ends_at - ${shift}
      WHERE id = $1`,
    [sessionId, daysAgo],
  );
}

/** Many clients with consent at once, straight into the database (race tests need hundreds). */
export async function seedClientsWithConsent(
  db: DataSource,
  officeId: string,
  userId: string,
  count: number,
): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `WITH created AS (
       INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
                            letter_language, target_language, created_by)
       SELECT $1, 'Client', 'Number ' || n, DATE '1990-01-01' + n, 'ar', 'ar', 'fi', $2
         FROM generate_series(1, $3) n
       RETURNING id
     ), consented AS (
       INSERT INTO consents (client_id, given_at, method, recorded_by)
       SELECT id, now(), 'written', $2 FROM created
     )
     SELECT id FROM created`,
    [officeId, userId, count],
  );
  return rows.map((row) => row.id);
}
