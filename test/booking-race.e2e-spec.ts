import { BookingModule } from '../apps/booking/src/booking.module';
import { clientInput } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { createSession, seedClientsWithConsent } from './support/test-bookings';

interface Answer {
  status: number;
  code?: string;
}

/**
 * Concurrency proof of SPEC §3.2 and STYLE "Capacity is enforced by the database": real
 * concurrent HTTP requests through a listening server, each on its own connection.
 */
describe('concurrent bookings', () => {
  let t: TestApp;
  let baseUrl: string;
  let official: { token: string; userId: string; organisationId: string | null };
  let tester: { token: string };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    official = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
  });
  afterAll(() => t.close());

  const send = async (method: string, path: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${official.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { code?: string };
    return { status: response.status, code: json.code };
  };
  const bookAll = (pairs: Array<[string, string]>) =>
    Promise.all(
      pairs.map(([sessionId, clientId]) =>
        send('POST', `/api/test-sessions/${sessionId}/bookings`, { clientId }),
      ),
    );
  const tally = (answers: Answer[]) =>
    answers.reduce<Record<string, number>>((counts, answer) => {
      const key = `${answer.status}${answer.code && answer.status !== 201 ? ` ${answer.code}` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
  const activeBookings = async (sessionId: string) =>
    Number(
      (
        await t.db.query(
          `SELECT count(*) AS n FROM test_bookings WHERE session_id = $1 AND status = 'booked'`,
          [sessionId],
        )
      )[0].n,
    );
  const bookedCount = async (sessionId: string) =>
    (await t.db.query(`SELECT booked_count FROM test_sessions WHERE id = $1`, [sessionId]))[0]
      .booked_count as number;

  it('books exactly 20 of 300 clients asking at once for a 20-place session', async () => {
    const clients = await seedClientsWithConsent(
      t.db,
      official.organisationId!,
      official.userId,
      300,
    );
    const sessionId = await createSession(t.http, tester.token, { capacity: 20 });
    const answers = await bookAll(clients.map((clientId) => [sessionId, clientId]));
    expect(tally(answers)).toEqual({ '201': 20, '409 session-full': 280 });
    expect(answers.some((answer) => answer.status >= 500)).toBe(false);
    expect(await activeBookings(sessionId)).toBe(20);
    expect(await bookedCount(sessionId)).toBe(20);
  });

  it('books one client asking twice at once into one session only once', async () => {
    const [clientId] = await seedClientsWithConsent(
      t.db,
      official.organisationId!,
      official.userId,
      1,
    );
    const sessionId = await createSession(t.http, tester.token);
    const answers = await bookAll([
      [sessionId, clientId],
      [sessionId, clientId],
    ]);
    expect(tally(answers)).toEqual({ '201': 1, '409 already-booked': 1 });
    expect(await activeBookings(sessionId)).toBe(1);
    expect(await bookedCount(sessionId)).toBe(1);
  });

  it('gives one client asking for ten sessions of a kind at once exactly one booking', async () => {
    const [clientId] = await seedClientsWithConsent(
      t.db,
      official.organisationId!,
      official.userId,
      1,
    );
    const sessions: string[] = [];
    for (let i = 0; i < 10; i++) sessions.push(await createSession(t.http, tester.token));
    const answers = await bookAll(sessions.map((sessionId) => [sessionId, clientId]));
    expect(tally(answers)).toEqual({ '201': 1, '409 already-booked': 9 });
    const counts = await t.db.query(
      `SELECT sum(booked_count)::int AS taken FROM test_sessions WHERE id = ANY($1)`,
      [sessions],
    );
    expect(counts[0].taken).toBe(1);
  });

  it('keeps places and bookings in step when bookings and cancellations race', async () => {
    const clients = await seedClientsWithConsent(
      t.db,
      official.organisationId!,
      official.userId,
      60,
    );
    const sessionId = await createSession(t.http, tester.token, { capacity: 30 });
    const first = await bookAll(clients.slice(0, 30).map((clientId) => [sessionId, clientId]));
    const booked = await t.db.query(`SELECT id FROM test_bookings WHERE session_id = $1`, [
      sessionId,
    ]);
    expect(first.every((answer) => answer.status === 201)).toBe(true);
    const answers = await Promise.all([
      ...booked.map((row: { id: string }) =>
        send('POST', `/api/test-bookings/${row.id}/cancel`, {}),
      ),
      ...clients
        .slice(30)
        .map((clientId) => send('POST', `/api/test-sessions/${sessionId}/bookings`, { clientId })),
    ]);
    expect(answers.some((answer) => answer.status >= 500)).toBe(false);
    expect(await bookedCount(sessionId)).toBe(await activeBookings(sessionId));
    expect(await activeBookings(sessionId)).toBeLessThanOrEqual(30);
  });

  it('leaves no active booking in a session cancelled while bookings arrive', async () => {
    const clients = await seedClientsWithConsent(
      t.db,
      official.organisationId!,
      official.userId,
      40,
    );
    const sessionId = await createSession(t.http, tester.token, { capacity: 40 });
    const cancel = fetch(`${baseUrl}/api/test-sessions/${sessionId}/cancel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tester.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Fire alarm' }),
    });
    const answers = await bookAll(clients.map((clientId) => [sessionId, clientId]));
    expect((await cancel).status).toBe(200);
    expect(answers.some((answer) => answer.status >= 500)).toBe(false);
    expect(await activeBookings(sessionId)).toBe(0);
  });

  it('cancels a session while its bookings are being cancelled, without a deadlock', async () => {
    for (let round = 0; round < 5; round++) {
      const clients = await seedClientsWithConsent(
        t.db,
        official.organisationId!,
        official.userId,
        8,
      );
      const sessionId = await createSession(t.http, tester.token, { capacity: 8 });
      expect(
        (await bookAll(clients.map((clientId) => [sessionId, clientId]))).map((a) => a.status),
      ).toEqual(Array(8).fill(201));
      const booked: Array<{ id: string }> = await t.db.query(
        `SELECT id FROM test_bookings WHERE session_id = $1`,
        [sessionId],
      );
      const cancelSession = fetch(`${baseUrl}/api/test-sessions/${sessionId}/cancel`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tester.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'Examiner ill' }),
      }).then(async (response) => ({
        status: response.status,
        code: ((await response.json()) as { code?: string }).code,
      }));
      const answers = await Promise.all([
        cancelSession,
        ...booked.map((row) => send('POST', `/api/test-bookings/${row.id}/cancel`, {})),
      ]);
      // Whoever comes second finds the booking already cancelled; nothing else, never a 5xx.
      expect(answers[0]).toEqual({ status: 200, code: undefined });
      for (const answer of answers.slice(1)) {
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.code).toBe('booking-not-active');
      }
      const statuses: Array<{ status: string }> = await t.db.query(
        `SELECT status FROM test_bookings WHERE session_id = $1`,
        [sessionId],
      );
      expect(statuses.map((row) => row.status)).toEqual(Array(8).fill('cancelled'));
      expect(await activeBookings(sessionId)).toBe(0);
      expect(await bookedCount(sessionId)).toBe(0);
    }
  });

  it('registers one client when the same identity code arrives twice at once', async () => {
    const body = clientInput({ personalIdentityCode: '131052-308T', birthDate: '1952-10-13' });
    const answers = await Promise.all([
      send('POST', '/api/clients', body),
      send('POST', '/api/clients', body),
      send('POST', '/api/clients', body),
    ]);
    expect(tally(answers)).toEqual({ '201': 1, '409 identity-code-taken': 2 });
  });

  it('registers one client when one code arrives at once with different century signs', async () => {
    const input = (code: string) =>
      clientInput({ personalIdentityCode: code, birthDate: '1953-11-14' });
    // Those that pass the service's check before the first one commits meet only the index.
    const answers = await Promise.all(
      [
        '141153-309J',
        '141153Y309J',
        '141153X309J',
        '141153W309J',
        '141153V309J',
        '141153U309J',
      ].map((code) => send('POST', '/api/clients', input(code))),
    );
    expect(tally(answers)).toEqual({ '201': 1, '409 identity-code-taken': 5 });
    const stored: unknown[] = await t.db.query(
      `SELECT id FROM clients WHERE personal_identity_code LIKE '141153_309J'`,
    );
    expect(stored).toHaveLength(1);
  });
});
