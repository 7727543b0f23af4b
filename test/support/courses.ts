import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { registerClient } from './clients';
import { recordConsent } from './consents';
import { recordResult } from './results';
import { bearer } from './test-bookings';

/** A calendar day relative to today (UTC is close enough: tests keep days apart). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
}

/** A basic-pace Finnish course for A1.1–A2.1 that started 30 days ago and runs 150 more. */
export function courseInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Suomea arkeen ja työhön',
    targetLanguage: 'fi',
    pace: 'basic',
    minLevel: 'A1.1',
    maxLevel: 'A2.1',
    startsOn: daysFromToday(-30),
    endsOn: daysFromToday(150),
    schedule: 'Mon–Thu 9.00–13.00',
    location: 'Opintokeskus, room 2',
    address: 'Hämeentie 1, 00530 Helsinki',
    seats: 16,
    ...overrides,
  };
}

export interface PublishedCourse {
  id: string;
  seats: number;
  seatsTaken: number;
  seatsLeft: number;
  startsOn: string;
  status: string;
}

export async function publishCourse(
  http: TestAgent,
  providerToken: string,
  overrides: Record<string, unknown> = {},
): Promise<PublishedCourse> {
  const response = await http
    .post('/api/courses')
    .set(bearer(providerToken))
    .send(courseInput(overrides));
  if (response.status !== 201)
    throw new Error(`publishing a course gave ${response.status}: ${response.text}`);
  return response.body as PublishedCourse;
}

/** A client of the official's office with consent and a current result at `startLevel`. */
export async function readyClient(
  t: { http: TestAgent; db: DataSource },
  official: { token: string; userId: string },
  startLevel: 'A1.2' | 'B1.1' | 'below-A1.1' = 'A1.2',
): Promise<string> {
  const clientId = await registerClient(t.http, official.token);
  await recordConsent(t.db, clientId, official.userId);
  await recordResult(t.db, clientId, { startLevel });
  return clientId;
}

export async function bookSeat(
  http: TestAgent,
  officialToken: string,
  courseId: string,
  body: Record<string, unknown>,
) {
  return http.post(`/api/courses/${courseId}/seats`).set(bearer(officialToken)).send(body);
}

/** Books and returns the seat id, or throws with the answer. */
export async function seatFor(
  http: TestAgent,
  officialToken: string,
  courseId: string,
  clientId: string,
): Promise<string> {
  const response = await bookSeat(http, officialToken, courseId, { clientId });
  if (response.status !== 201)
    throw new Error(`booking a seat gave ${response.status}: ${response.text}`);
  return (response.body as { id: string }).id;
}

export async function outboxEvents(db: DataSource, type: string, aggregateId: string) {
  const rows: Array<{ payload: Record<string, unknown> }> = await db.query(
    `SELECT payload FROM outbox_events WHERE type = $1 AND aggregate_id = $2 ORDER BY id`,
    [type, aggregateId],
  );
  return rows.map((row) => row.payload);
}
