import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer, book, createSession, giveConsent } from './support/test-bookings';

describe('consent to data exchange', () => {
  let t: TestApp;
  let official: { token: string; userId: string; organisationId: string | null };
  let tester: { token: string };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    official = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
  });
  afterAll(() => t.close());

  const consents = (clientId: string) => `/api/clients/${clientId}/consents`;
  const countConsents = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM consents`))[0].n);

  it('records who recorded the consent, when it was given and how', async () => {
    const clientId = await registerClient(t.http, official.token);
    const response = await t.http
      .post(consents(clientId))
      .set(bearer(official.token))
      .send({ givenAt: '2026-11-02T10:15:00+02:00', method: 'oral' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      clientId,
      givenAt: '2026-11-02T10:15:00+02:00',
      method: 'oral',
      recordedBy: official.userId,
      withdrawnAt: null,
    });
    const audit = await t.db.query(
      `SELECT action, actor_user_id FROM audit_events WHERE client_id = $1 AND action LIKE 'consent.%'`,
      [clientId],
    );
    expect(audit).toEqual([{ action: 'consent.create', actor_user_id: official.userId }]);
  });

  it('refuses a second consent while one is on record', async () => {
    const clientId = await registerClient(t.http, official.token);
    await giveConsent(t.http, official.token, clientId);
    const response = await t.http
      .post(consents(clientId))
      .set(bearer(official.token))
      .send({ givenAt: '2026-11-02T10:15:00+02:00', method: 'written' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('consent-already-given');
  });

  it('withdraws the consent, keeps it in the history and emits consent.withdrawn', async () => {
    const clientId = await registerClient(t.http, official.token);
    await giveConsent(t.http, official.token, clientId);
    const withdrawn = await t.http.delete(consents(clientId)).set(bearer(official.token));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
    expect(withdrawn.body.withdrawnBy).toBe(official.userId);

    const events = await t.db.query(
      `SELECT type, payload FROM outbox_events WHERE aggregate_id = $1`,
      [clientId],
    );
    expect(events).toEqual([
      {
        type: 'consent.withdrawn',
        payload: { clientId, officeId: official.organisationId },
      },
    ]);

    await giveConsent(t.http, official.token, clientId);
    const history = await t.http.get(consents(clientId)).set(bearer(official.token));
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(2);
    expect(history.body[0].withdrawnAt).toBeNull();
    expect(history.body[1].withdrawnAt).toEqual(expect.any(String));
  });

  it('answers 409 consent-missing when there is nothing to withdraw', async () => {
    const clientId = await registerClient(t.http, official.token);
    const response = await t.http.delete(consents(clientId)).set(bearer(official.token));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('consent-missing');
  });

  it('cancels the test bookings not yet begun when consent is withdrawn, freeing the places', async () => {
    const clientId = await registerClient(t.http, official.token);
    await giveConsent(t.http, official.token, clientId);
    const sessionId = await createSession(t.http, tester.token, { capacity: 3 });
    const bookingId = await book(t.http, official.token, sessionId, clientId);
    const withdrawn = await t.http.delete(consents(clientId)).set(bearer(official.token));
    expect(withdrawn.body.cancelledBookingIds).toEqual([bookingId]);
    const booking = await t.http.get(`/api/test-bookings/${bookingId}`).set(bearer(official.token));
    expect(booking.body).toMatchObject({ status: 'cancelled', cancelReason: 'consent withdrawn' });
    const session = await t.http.get(`/api/test-sessions/${sessionId}`).set(bearer(official.token));
    expect(session.body.placesLeft).toBe(3);
  });

  describe('bad input answers 400 naming the field, and stores nothing', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'an unknown method',
        { givenAt: '2026-11-02T10:15:00+02:00', method: 'telepathy' },
        'method',
      ],
      [
        'a day that does not exist',
        { givenAt: '2026-02-30T10:15:00+02:00', method: 'oral' },
        'givenAt',
      ],
      ['a time without a zone', { givenAt: '2026-11-02T10:15:00', method: 'oral' }, 'givenAt'],
      [
        'a consent given in the future',
        { givenAt: '2030-01-01T10:00:00+02:00', method: 'oral' },
        'givenAt',
      ],
      ['a missing method', { givenAt: '2026-11-02T10:15:00+02:00' }, 'method'],
    ];
    for (const [what, body, field] of cases) {
      it(`refuses ${what}`, async () => {
        const clientId = await registerClient(t.http, official.token);
        const before = await countConsents();
        const response = await t.http
          .post(consents(clientId))
          .set(bearer(official.token))
          .send(body);
        expect(response.status).toBe(400);
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
        expect(await countConsents()).toBe(before);
      });
    }
  });

  describe('who may', () => {
    let clientId: string;
    beforeAll(async () => {
      clientId = await registerClient(t.http, official.token);
    });

    it('answers 404 to an official of another office, for giving, withdrawing and reading', async () => {
      const other = await signIn(t.http, t.db, 'official');
      const give = await t.http
        .post(consents(clientId))
        .set(bearer(other.token))
        .send({ givenAt: '2026-11-02T10:15:00+02:00', method: 'oral' });
      expect(give.status).toBe(404);
      expect((await t.http.delete(consents(clientId)).set(bearer(other.token))).status).toBe(404);
      expect((await t.http.get(consents(clientId)).set(bearer(other.token))).status).toBe(404);
      expect(await t.db.query(`SELECT 1 FROM consents WHERE client_id = $1`, [clientId])).toEqual(
        [],
      );
    });

    for (const role of ['tester', 'provider', 'analyst'] as Role[]) {
      it(`refuses a ${role}`, async () => {
        const user = await signIn(t.http, t.db, role);
        const response = await t.http
          .post(consents(clientId))
          .set(bearer(user.token))
          .send({ givenAt: '2026-11-02T10:15:00+02:00', method: 'oral' });
        expect(response.status).toBe(403);
        expect((await t.http.delete(consents(clientId)).set(bearer(user.token))).status).toBe(403);
      });
    }
  });
});
