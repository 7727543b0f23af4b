import type { Level, Pace } from '@kotoportti/model';
import { OutboxRelay } from '@kotoportti/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApp } from './test-app';
import { registerClient } from './clients';
import { signIn } from './factories';
import { bearer, book, createSession, giveConsent, moveSessionToPast } from './test-bookings';

export type User = Awaited<ReturnType<typeof signIn>>;

/** Waits until the queue service has consumed every event in the outbox. */
export async function settle(t: TestApp, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    t.app.get(OutboxRelay).kick();
    const [{ pending }] = await t.db.query(
      `SELECT count(*)::int AS pending FROM outbox_events o
        WHERE NOT EXISTS (SELECT 1 FROM consumed_events c
                           WHERE c.consumer = 'queue' AND c.event_id = o.id)`,
    );
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} events not consumed in time`);
    await sleep(50);
  }
}

export interface ResultInput {
  level?: Level;
  pace?: Pace;
}

export function resultBody({ level = 'A1.2', pace = 'basic' }: ResultInput = {}) {
  return {
    listening: level,
    speaking: level,
    reading: level,
    writing: level,
    literacy: 'literate-latin',
    startLevel: level,
    pace,
    recommendation: 'Integration training',
  };
}

export async function putResult(
  t: TestApp,
  tester: User,
  bookingId: string,
  input: ResultInput = {},
) {
  const response = await t.http
    .put(`/api/test-bookings/${bookingId}/result`)
    .set(bearer(tester.token))
    .send(resultBody(input));
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`result gave ${response.status}: ${response.text}`);
  }
  return response.body as { id: string };
}

/**
 * A client of the official's office, tested `daysAgo` days ago through the real API, so the
 * result reaches the queue as test-result.recorded.
 */
export async function testedClient(
  t: TestApp,
  official: User,
  tester: User,
  input: ResultInput & { daysAgo?: number; targetLanguage?: 'fi' | 'sv' } = {},
): Promise<{ clientId: string; bookingId: string }> {
  const targetLanguage = input.targetLanguage ?? 'fi';
  const clientId = await registerClient(t.http, official.token, { targetLanguage });
  await giveConsent(t.http, official.token, clientId);
  const sessionId = await createSession(t.http, tester.token, { targetLanguage });
  const bookingId = await book(t.http, official.token, sessionId, clientId);
  await moveSessionToPast(t.db, sessionId, input.daysAgo ?? 1);
  await putResult(t, tester, bookingId, input);
  return { clientId, bookingId };
}

/** The client's entries, newest first. */
export async function entriesOf(t: TestApp, clientId: string) {
  return t.db.query(
    `SELECT id, status, target_language, pace, start_level, waiting_since, end_reason,
            last_event_version, keys_version, office_id, seat_id
       FROM waiting_list_entries WHERE client_id = $1 ORDER BY created_at DESC, id DESC`,
    [clientId],
  );
}

export async function liveEntry(t: TestApp, clientId: string) {
  return (await entriesOf(t, clientId))[0] as
    | {
        id: string;
        status: string;
        target_language: string;
        pace: string;
        start_level: string;
        waiting_since: string;
        end_reason: string | null;
        last_event_version: string;
        keys_version: string;
        office_id: string;
        seat_id: string | null;
      }
    | undefined;
}
