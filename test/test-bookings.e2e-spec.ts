import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer, book, createSession, giveConsent, sessionInput } from './support/test-bookings';

describe('test bookings', () => {
  let t: TestApp;
  let official: { token: string; userId: string; organisationId: string | null };
  let tester: { token: string; userId: string; organisationId: string | null };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    official = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
  });
  afterAll(() => t.close());

  const consentedClient = async (overrides: Record<string, unknown> = {}) => {
    const clientId = await registerClient(t.http, official.token, overrides);
    await giveConsent(t.http, official.token, clientId);
    return clientId;
  };
  const post = (path: string, body: Record<string, unknown>, token = official.token) =>
    t.http.post(path).set(bearer(token)).send(body);
  const placesLeft = async (sessionId: string) =>
    (await t.http.get(`/api/test-sessions/${sessionId}`).set(bearer(official.token))).body
      .placesLeft as number;
  const countBookings = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM test_bookings`))[0].n);

  describe('booking', () => {
    it('books a place, recording who booked, when, and the interpreter needed', async () => {
      const clientId = await consentedClient({ interpreterLanguage: 'ar' });
      const sessionId = await createSession(t.http, tester.token, { capacity: 4 });
      const response = await post(`/api/test-sessions/${sessionId}/bookings`, { clientId });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        sessionId,
        clientId,
        kind: 'initial',
        status: 'booked',
        interpreterLanguage: 'ar',
        bookedBy: official.userId,
        bookedAt: expect.stringMatching(/\+0[23]:00$/),
        session: { testCentreId: tester.organisationId, status: 'scheduled' },
      });
      expect(await placesLeft(sessionId)).toBe(3);
      const audit = await t.db.query(
        `SELECT action, entity_id, actor_user_id FROM audit_events WHERE client_id = $1 AND action = 'test-booking.create'`,
        [clientId],
      );
      expect(audit).toEqual([
        {
          action: 'test-booking.create',
          entity_id: response.body.id,
          actor_user_id: official.userId,
        },
      ]);
    });

    it('takes the interpreter language given with the booking, or none when it is null', async () => {
      const clientId = await consentedClient({ interpreterLanguage: 'ar' });
      const first = await post(
        `/api/test-sessions/${await createSession(t.http, tester.token)}/bookings`,
        {
          clientId,
          interpreterLanguage: 'ti',
        },
      );
      expect(first.body.interpreterLanguage).toBe('ti');
      const other = await consentedClient({ interpreterLanguage: 'ar' });
      const second = await post(
        `/api/test-sessions/${await createSession(t.http, tester.token)}/bookings`,
        {
          clientId: other,
          interpreterLanguage: null,
        },
      );
      expect(second.status).toBe(201);
      expect(second.body.interpreterLanguage).toBeNull();
    });

    it('refuses a client without consent with 409 consent-missing, storing nothing', async () => {
      const clientId = await registerClient(t.http, official.token);
      const sessionId = await createSession(t.http, tester.token);
      const before = await countBookings();
      const response = await post(`/api/test-sessions/${sessionId}/bookings`, { clientId });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'consent-missing' });
      expect(await countBookings()).toBe(before);
      expect(await placesLeft(sessionId)).toBe(10);
    });

    it('refuses a client whose consent was withdrawn', async () => {
      const clientId = await consentedClient();
      await t.http.delete(`/api/clients/${clientId}/consents`).set(bearer(official.token));
      const sessionId = await createSession(t.http, tester.token);
      const response = await post(`/api/test-sessions/${sessionId}/bookings`, { clientId });
      expect(response.body.code).toBe('consent-missing');
    });

    it('refuses a second active booking of the same kind with 409 already-booked', async () => {
      const clientId = await consentedClient();
      await book(t.http, official.token, await createSession(t.http, tester.token), clientId);
      const other = await createSession(t.http, tester.token);
      const response = await post(`/api/test-sessions/${other}/bookings`, { clientId });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('already-booked');
      expect(await placesLeft(other)).toBe(10);
      const again = await post(`/api/test-sessions/${other}/bookings`, { clientId });
      expect(again.body.code).toBe('already-booked');
    });

    it('allows a booking of another kind, but never two at overlapping times', async () => {
      const clientId = await consentedClient();
      const initial = sessionInput();
      await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token, initial),
        clientId,
      );
      const literacyElsewhere = await createSession(t.http, tester.token, { kind: 'literacy' });
      expect(
        (await post(`/api/test-sessions/${literacyElsewhere}/bookings`, { clientId })).status,
      ).toBe(201);
      const overlapping = await createSession(t.http, tester.token, {
        kind: 'retest',
        startsAt: new Date(Date.parse(initial.startsAt) + 3600_000).toISOString(),
        endsAt: new Date(Date.parse(initial.endsAt) + 3600_000).toISOString(),
      });
      const response = await post(`/api/test-sessions/${overlapping}/bookings`, { clientId });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('booking-overlaps');
    });

    it('refuses a full session with 409 session-full', async () => {
      const sessionId = await createSession(t.http, tester.token, { capacity: 1 });
      await book(t.http, official.token, sessionId, await consentedClient());
      const response = await post(`/api/test-sessions/${sessionId}/bookings`, {
        clientId: await consentedClient(),
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('session-full');
    });

    it('refuses a session in the past with 409 session-in-past', async () => {
      const sessionId = await createSession(t.http, tester.token, {
        startsAt: '2026-02-03T09:00:00+02:00',
        endsAt: '2026-02-03T12:00:00+02:00',
      });
      const response = await post(`/api/test-sessions/${sessionId}/bookings`, {
        clientId: await consentedClient(),
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('session-in-past');
    });

    it('refuses a cancelled session with 409 session-cancelled', async () => {
      const sessionId = await createSession(t.http, tester.token);
      await post(`/api/test-sessions/${sessionId}/cancel`, { reason: 'closed' }, tester.token);
      const response = await post(`/api/test-sessions/${sessionId}/bookings`, {
        clientId: await consentedClient(),
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('session-cancelled');
    });

    it('answers 404 for a session that does not exist', async () => {
      const response = await post(
        '/api/test-sessions/00000000-0000-4000-8000-000000000000/bookings',
        {
          clientId: await consentedClient(),
        },
      );
      expect(response.status).toBe(404);
    });

    it('answers 400 naming the field for bad input, and stores nothing', async () => {
      const sessionId = await createSession(t.http, tester.token);
      const before = await countBookings();
      for (const [body, field] of [
        [{ clientId: 'not-a-uuid' }, 'clientId'],
        [{}, 'clientId'],
        [
          { clientId: await consentedClient(), interpreterLanguage: 'Arabic' },
          'interpreterLanguage',
        ],
        [{ clientId: await consentedClient(), paid: true }, 'paid'],
      ] as Array<[Record<string, unknown>, string]>) {
        const response = await post(`/api/test-sessions/${sessionId}/bookings`, body);
        expect(response.status).toBe(400);
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await countBookings()).toBe(before);
    });

    it('honours an Idempotency-Key: the same request answers the same and books once', async () => {
      const clientId = await consentedClient();
      const sessionId = await createSession(t.http, tester.token);
      const send = () =>
        t.http
          .post(`/api/test-sessions/${sessionId}/bookings`)
          .set(bearer(official.token))
          .set('Idempotency-Key', `book-${clientId}`)
          .send({ clientId });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(await placesLeft(sessionId)).toBe(9);
    });
  });

  describe('cancelling', () => {
    it('frees the place at once, so another client can take it', async () => {
      const sessionId = await createSession(t.http, tester.token, { capacity: 1 });
      const bookingId = await book(t.http, official.token, sessionId, await consentedClient());
      const response = await post(`/api/test-bookings/${bookingId}/cancel`, {
        reason: 'Client moved',
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'cancelled', cancelReason: 'Client moved' });
      expect(await placesLeft(sessionId)).toBe(1);
      await book(t.http, official.token, sessionId, await consentedClient());
      const events = await t.db.query(
        `SELECT type, payload FROM outbox_events WHERE aggregate_id = $1`,
        [bookingId],
      );
      expect(events).toEqual([
        {
          type: 'test-booking.cancelled',
          payload: expect.objectContaining({ bookingId, sessionId, cause: 'cancelled' }),
        },
      ]);
    });

    it('lets the client be booked again for the same kind after a cancellation', async () => {
      const clientId = await consentedClient();
      const bookingId = await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token),
        clientId,
      );
      await post(`/api/test-bookings/${bookingId}/cancel`, {});
      await book(t.http, official.token, await createSession(t.http, tester.token), clientId);
    });

    it('lets the office close a past booking nobody marked, so the client can be booked again', async () => {
      const clientId = await consentedClient();
      const sessionId = await createSession(t.http, tester.token);
      const bookingId = await book(t.http, official.token, sessionId, clientId);
      // Put the session first under way, then over, as time would.
      const moveSession = (startHoursAgo: number, endHoursAgo: number) =>
        t.db.query(
          `WITH s AS (
             UPDATE test_sessions SET starts_at = now() - make_interval(hours => $2),
                                      ends_at = now() - make_interval(hours => $3)
              WHERE id = $1 RETURNING id, starts_at, ends_at)
           UPDATE test_bookings b SET starts_at = s.starts_at, ends_at = s.ends_at
             FROM s WHERE b.session_id = s.id`,
          [sessionId, startHoursAgo, endHoursAgo],
        );
      await moveSession(1, -2);
      const underWay = await post(`/api/test-bookings/${bookingId}/cancel`, {});
      expect(underWay.status).toBe(409);
      expect(underWay.body.code).toBe('session-in-past');

      await moveSession(30, 27);
      const newSession = await createSession(t.http, tester.token);
      const blocked = await post(`/api/test-sessions/${newSession}/bookings`, { clientId });
      expect(blocked.status).toBe(409);
      expect(blocked.body.code).toBe('already-booked');
      const closed = await post(`/api/test-bookings/${bookingId}/cancel`, {
        reason: 'Attendance never marked',
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'cancelled' });
      await book(t.http, official.token, newSession, clientId);
    });

    it('refuses to cancel twice with 409 booking-not-active', async () => {
      const bookingId = await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token),
        await consentedClient(),
      );
      await post(`/api/test-bookings/${bookingId}/cancel`, {});
      const again = await post(`/api/test-bookings/${bookingId}/cancel`, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('booking-not-active');
    });

    it("lets the tester of the session's centre cancel a booking", async () => {
      const bookingId = await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token),
        await consentedClient(),
      );
      const response = await post(
        `/api/test-bookings/${bookingId}/cancel`,
        { reason: 'Called us' },
        tester.token,
      );
      expect(response.status).toBe(200);
    });
  });

  describe('rebooking', () => {
    it('moves the booking to another session in one step', async () => {
      const clientId = await consentedClient({ interpreterLanguage: 'so' });
      const from = await createSession(t.http, tester.token, { capacity: 2 });
      const to = await createSession(t.http, tester.token, { capacity: 2 });
      const bookingId = await book(t.http, official.token, from, clientId);
      const response = await post(`/api/test-bookings/${bookingId}/rebook`, { sessionId: to });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        sessionId: to,
        clientId,
        status: 'booked',
        rebookedFromId: bookingId,
        interpreterLanguage: 'so',
      });
      const old = await t.http.get(`/api/test-bookings/${bookingId}`).set(bearer(official.token));
      expect(old.body).toMatchObject({ status: 'cancelled', cancelReason: 'rebooked' });
      expect(await placesLeft(from)).toBe(2);
      expect(await placesLeft(to)).toBe(1);
      const active = await t.db.query(
        `SELECT session_id FROM test_bookings WHERE client_id = $1 AND status = 'booked'`,
        [clientId],
      );
      expect(active).toEqual([{ session_id: to }]);
    });

    it('leaves the old booking in place when the new session is full', async () => {
      const clientId = await consentedClient();
      const from = await createSession(t.http, tester.token);
      const full = await createSession(t.http, tester.token, { capacity: 1 });
      await book(t.http, official.token, full, await consentedClient());
      const bookingId = await book(t.http, official.token, from, clientId);
      const response = await post(`/api/test-bookings/${bookingId}/rebook`, { sessionId: full });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('session-full');
      const rows = await t.db.query(`SELECT id, status FROM test_bookings WHERE client_id = $1`, [
        clientId,
      ]);
      expect(rows).toEqual([{ id: bookingId, status: 'booked' }]);
      expect(await placesLeft(from)).toBe(9);
    });

    it('refuses a move to the same session, to another kind, or of a cancelled booking', async () => {
      const from = await createSession(t.http, tester.token);
      const bookingId = await book(t.http, official.token, from, await consentedClient());
      const same = await post(`/api/test-bookings/${bookingId}/rebook`, { sessionId: from });
      expect(same.body.code).toBe('same-session');
      const literacy = await createSession(t.http, tester.token, { kind: 'literacy' });
      const kind = await post(`/api/test-bookings/${bookingId}/rebook`, { sessionId: literacy });
      expect(kind.body.code).toBe('kind-mismatch');
      await post(`/api/test-bookings/${bookingId}/cancel`, {});
      const cancelled = await post(`/api/test-bookings/${bookingId}/rebook`, {
        sessionId: await createSession(t.http, tester.token),
      });
      expect(cancelled.status).toBe(409);
      expect(cancelled.body.code).toBe('booking-not-active');
    });

    it('answers 400 for a session id that is not a UUID', async () => {
      const bookingId = await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token),
        await consentedClient(),
      );
      const response = await post(`/api/test-bookings/${bookingId}/rebook`, { sessionId: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('sessionId');
    });
  });

  describe('who sees what (SPEC §1)', () => {
    let clientId: string;
    let sessionId: string;
    let bookingId: string;

    beforeAll(async () => {
      clientId = await consentedClient();
      sessionId = await createSession(t.http, tester.token);
      bookingId = await book(t.http, official.token, sessionId, clientId);
    });

    const get = (path: string, token: string) => t.http.get(path).set(bearer(token));

    it("shows the tester of the session's centre the booked client, and audits the read", async () => {
      const response = await get(`/api/test-bookings/${bookingId}`, tester.token);
      expect(response.status).toBe(200);
      expect(response.body.client).toEqual({
        firstName: 'Amina',
        lastName: 'Hassan',
        birthDate: '1990-04-12',
      });
      expect(response.body.client.personalIdentityCode).toBeUndefined();
      const roster = await get(`/api/test-sessions/${sessionId}/bookings`, tester.token);
      expect(roster.body.map((b: { id: string }) => b.id)).toEqual([bookingId]);
      const audit = await t.db.query(
        `SELECT action FROM audit_events WHERE actor_user_id = $1 AND action IN ('test-booking.read', 'test-booking.list')`,
        [tester.userId],
      );
      expect(audit.map((a: { action: string }) => a.action).sort()).toEqual([
        'test-booking.list',
        'test-booking.read',
      ]);
    });

    it('answers 404 to a tester of another centre', async () => {
      const other = await signIn(t.http, t.db, 'tester');
      expect((await get(`/api/test-bookings/${bookingId}`, other.token)).status).toBe(404);
      expect((await get(`/api/test-sessions/${sessionId}/bookings`, other.token)).status).toBe(404);
      expect((await post(`/api/test-bookings/${bookingId}/cancel`, {}, other.token)).status).toBe(
        404,
      );
    });

    it('answers 404 to an official of another office, for every booking route', async () => {
      const other = await signIn(t.http, t.db, 'official');
      expect((await get(`/api/test-bookings/${bookingId}`, other.token)).status).toBe(404);
      expect((await get(`/api/clients/${clientId}/test-bookings`, other.token)).status).toBe(404);
      expect((await post(`/api/test-bookings/${bookingId}/cancel`, {}, other.token)).status).toBe(
        404,
      );
      const move = await post(
        `/api/test-bookings/${bookingId}/rebook`,
        {
          sessionId: await createSession(t.http, tester.token),
        },
        other.token,
      );
      expect(move.status).toBe(404);
      const foreign = await post(
        `/api/test-sessions/${sessionId}/bookings`,
        { clientId },
        other.token,
      );
      expect(foreign.status).toBe(404);
      const roster = await get(`/api/test-sessions/${sessionId}/bookings`, other.token);
      expect(roster.body).toEqual([]);
    });

    it('refuses providers and analysts with 403', async () => {
      for (const role of ['provider', 'analyst'] as Role[]) {
        const user = await signIn(t.http, t.db, role);
        expect((await get(`/api/test-bookings/${bookingId}`, user.token)).status).toBe(403);
        expect(
          (await post(`/api/test-sessions/${sessionId}/bookings`, { clientId }, user.token)).status,
        ).toBe(403);
      }
    });

    it('refuses a tester booking a client', async () => {
      const response = await post(
        `/api/test-sessions/${sessionId}/bookings`,
        { clientId },
        tester.token,
      );
      expect(response.status).toBe(403);
    });

    it("shows the office the client's bookings, newest first, with why one was cancelled", async () => {
      const response = await get(`/api/clients/${clientId}/test-bookings`, official.token);
      expect(response.status).toBe(200);
      expect(response.body.map((b: { id: string }) => b.id)).toContain(bookingId);
    });

    it('hides the client from the tester once consent is withdrawn', async () => {
      const client = await consentedClient();
      const session = await createSession(t.http, tester.token);
      const booking = await book(t.http, official.token, session, client);
      // A booking still active after the withdrawal: the test had begun, so it was kept.
      await t.db.query(`UPDATE consents SET withdrawn_at = now() WHERE client_id = $1`, [client]);
      expect((await get(`/api/test-bookings/${booking}`, tester.token)).status).toBe(404);
      const roster = await get(`/api/test-sessions/${session}/bookings`, tester.token);
      expect(roster.body).toEqual([]);
      expect((await get(`/api/test-bookings/${booking}`, official.token)).status).toBe(200);
    });
  });

  it('documents the booking routes and their conflicts in the OpenAPI document', async () => {
    const paths = (await t.http.get('/api/docs/openapi.json')).body.paths;
    const booking = paths['/api/test-sessions/{id}/bookings'].post;
    expect(Object.keys(booking.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
    );
    expect(booking.responses['409'].description).toContain('session-full');
    for (const path of [
      '/api/test-bookings/{id}/cancel',
      '/api/test-bookings/{id}/rebook',
      '/api/test-bookings/{id}/attendance',
    ]) {
      expect(paths[path].post.responses['409']).toBeDefined();
    }
    expect(paths['/api/test-bookings/{id}/result'].put.responses['400']).toBeDefined();
    expect(paths['/api/clients/{id}/consents'].delete).toBeDefined();
  });

  it('documents the client routes, their errors and the fields of a new client', async () => {
    const document = (await t.http.get('/api/docs/openapi.json')).body;
    const statuses = (operation: { responses: Record<string, unknown> }) =>
      Object.keys(operation.responses).sort();
    const register = document.paths['/api/clients'].post;
    expect(statuses(register)).toEqual(['201', '400', '401', '403', '409']);
    expect(register.responses['409'].description).toContain('identity-code-taken');
    expect(statuses(document.paths['/api/clients'].get)).toEqual(['200', '400', '401', '403']);
    expect(statuses(document.paths['/api/clients/{id}'].get)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
    ]);
    const schema = document.components.schemas.CreateClientDto;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'birthDate', 'personalIdentityCode']),
    );
    expect(schema.required).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'birthDate', 'targetLanguage']),
    );
    expect(schema.required).not.toContain('personalIdentityCode');
  });
});
