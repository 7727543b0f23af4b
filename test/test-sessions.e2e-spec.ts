import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer, book, createSession, giveConsent, sessionInput } from './support/test-bookings';

interface SessionBody {
  id: string;
  startsAt: string;
  endsAt: string;
  placesLeft: number;
  status: string;
  seriesId: string | null;
}

describe('test sessions', () => {
  let t: TestApp;
  let tester: { token: string; userId: string; organisationId: string | null };
  let official: { token: string; organisationId: string | null };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    tester = await signIn(t.http, t.db, 'tester');
    official = await signIn(t.http, t.db, 'official');
  });
  afterAll(() => t.close());

  const countSessions = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM test_sessions`))[0].n);
  const publish = (body: Record<string, unknown>, token = tester.token) =>
    t.http.post('/api/test-sessions').set(bearer(token)).send(body);

  it('lets a tester publish a session, shown in Helsinki time, and officials see its places', async () => {
    const response = await publish(
      sessionInput({
        startsAt: '2027-01-12T07:00:00Z',
        endsAt: '2027-01-12T10:00:00Z',
        capacity: 12,
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      startsAt: '2027-01-12T09:00:00+02:00',
      endsAt: '2027-01-12T12:00:00+02:00',
      capacity: 12,
      bookedCount: 0,
      placesLeft: 12,
      status: 'scheduled',
      testCentreId: tester.organisationId,
    });
    const seen = await t.http
      .get(`/api/test-sessions/${response.body.id}`)
      .set(bearer(official.token));
    expect(seen.status).toBe(200);
    expect(seen.body.placesLeft).toBe(12);
  });

  describe('a weekly pattern, kept in Helsinki local time', () => {
    const cases = [
      {
        change: 'spring 2026-03-29',
        first: '2026-03-24',
        days: ['2026-03-24', '2026-03-31', '2026-04-07'],
        offsets: ['+02:00', '+03:00', '+03:00'],
      },
      {
        change: 'autumn 2026-10-25',
        first: '2026-10-20',
        days: ['2026-10-20', '2026-10-27', '2026-11-03'],
        offsets: ['+03:00', '+02:00', '+02:00'],
      },
      {
        change: 'spring 2027-03-28',
        first: '2027-03-23',
        days: ['2027-03-23', '2027-03-30', '2027-04-06'],
        offsets: ['+02:00', '+03:00', '+03:00'],
      },
      {
        change: 'autumn 2027-10-31',
        first: '2027-10-26',
        days: ['2027-10-26', '2027-11-02', '2027-11-09'],
        offsets: ['+03:00', '+02:00', '+02:00'],
      },
    ];
    for (const { change, first, days, offsets } of cases) {
      for (const [start, end] of [
        ['09:00', '12:00'],
        ['14:00', '16:30'],
      ]) {
        it(`keeps a ${start} session at ${start} across the ${change} change`, async () => {
          const response = await publish(
            sessionInput({
              startsAt: `${first}T${start}:00${offsets[0]}`,
              endsAt: `${first}T${end}:00${offsets[0]}`,
              repeat: { weeks: 3 },
            }),
          );
          expect(response.status).toBe(201);
          const sessions = response.body.sessions as SessionBody[];
          expect(sessions.map((s) => s.startsAt)).toEqual(
            days.map((day, i) => `${day}T${start}:00${offsets[i]}`),
          );
          expect(sessions.map((s) => s.endsAt)).toEqual(
            days.map((day, i) => `${day}T${end}:00${offsets[i]}`),
          );
          expect(sessions.every((s) => s.seriesId === response.body.seriesId)).toBe(true);
          const series = await t.db.query(
            `SELECT weekday, local_start_time, local_end_time, first_date, last_date
               FROM test_session_series WHERE id = $1`,
            [response.body.seriesId],
          );
          expect(series[0]).toEqual({
            weekday: 2,
            local_start_time: `${start}:00`,
            local_end_time: `${end}:00`,
            first_date: days[0],
            last_date: days[2],
          });
        });
      }
    }

    it('repeats until a given day', async () => {
      const response = await publish(
        sessionInput({
          startsAt: '2027-05-04T09:00:00+03:00',
          endsAt: '2027-05-04T12:00:00+03:00',
          repeat: { until: '2027-06-22' },
        }),
      );
      expect(response.status).toBe(201);
      expect(response.body.sessions).toHaveLength(8);
      expect(response.body.sessions[7].startsAt).toBe('2027-06-22T09:00:00+03:00');
    });

    it('stores none of a pattern when one of its weeks overlaps a session in the room', async () => {
      const room = `Room pattern ${Date.now()}`;
      const existing = await publish(
        sessionInput({
          location: room,
          startsAt: '2027-09-21T10:00:00+03:00',
          endsAt: '2027-09-21T11:00:00+03:00',
        }),
      );
      expect(existing.status).toBe(201);
      const before = await countSessions();
      const response = await publish(
        sessionInput({
          location: room,
          startsAt: '2027-09-07T09:00:00+03:00',
          endsAt: '2027-09-07T12:00:00+03:00',
          repeat: { weeks: 4 },
        }),
      );
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('room-occupied');
      expect(await countSessions()).toBe(before);
    });
  });

  it('refuses two overlapping sessions in one room, but not in another room', async () => {
    const input = sessionInput();
    expect((await publish(input)).status).toBe(201);
    const overlapping = await publish({
      ...input,
      startsAt: new Date(Date.parse(input.startsAt) + 3600_000).toISOString(),
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body).toMatchObject({ statusCode: 409, code: 'room-occupied' });
    expect((await publish({ ...input, location: `${input.location} B` })).status).toBe(201);
  });

  describe('bad input answers 400 naming the field, and stores nothing', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['capacity 0', { capacity: 0 }, 'capacity'],
      ['capacity 100000', { capacity: 100000 }, 'capacity'],
      ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
      [
        'an end before the start',
        { startsAt: '2027-02-10T12:00:00+02:00', endsAt: '2027-02-10T09:00:00+02:00' },
        'endsAt',
      ],
      ['a day that does not exist', { startsAt: '2027-02-30T09:00:00+02:00' }, 'startsAt'],
      ['a time without a zone', { startsAt: '2027-02-10T09:00:00' }, 'startsAt'],
      ['an unknown kind', { kind: 'oral' }, 'kind'],
      ['an unknown target language', { targetLanguage: 'en' }, 'targetLanguage'],
      ['an empty room', { location: '  ' }, 'location'],
      ['an unknown field', { price: 10 }, 'price'],
      ['both weeks and until', { repeat: { weeks: 2, until: '2027-12-01' } }, 'repeat'],
      ['a pattern of 100 weeks', { repeat: { weeks: 100 } }, 'repeat.weeks'],
      ['a pattern until 2027-02-30', { repeat: { until: '2027-02-30' } }, 'repeat.until'],
    ];
    for (const [what, overrides, field] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await countSessions();
        const response = await publish(sessionInput(overrides));
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('invalid-input');
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
        expect(await countSessions()).toBe(before);
      });
    }
  });

  describe('listing', () => {
    let otherTester: { token: string; organisationId: string | null };
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      otherTester = await signIn(t.http, t.db, 'tester');
      const day = (d: number, hour = '09') =>
        `2028-02-${String(d).padStart(2, '0')}T${hour}:00:00+02:00`;
      const make = async (name: string, token: string, overrides: Record<string, unknown>) => {
        ids[name] = await createSession(t.http, token, overrides);
      };
      await make('fi-initial', tester.token, { startsAt: day(1), endsAt: day(1, '12') });
      await make('sv-initial', tester.token, {
        startsAt: day(2),
        endsAt: day(2, '12'),
        targetLanguage: 'sv',
      });
      await make('fi-literacy', tester.token, {
        startsAt: day(3),
        endsAt: day(3, '12'),
        kind: 'literacy',
      });
      await make('full', tester.token, { startsAt: day(4), endsAt: day(4, '12'), capacity: 1 });
      await make('cancelled', tester.token, { startsAt: day(5), endsAt: day(5, '12') });
      await make('other-centre', otherTester.token, { startsAt: day(6), endsAt: day(6, '12') });
      await make('later', tester.token, {
        startsAt: '2028-03-10T09:00:00+02:00',
        endsAt: '2028-03-10T12:00:00+02:00',
      });
      const clientId = await registerClient(t.http, official.token);
      await giveConsent(t.http, official.token, clientId);
      await book(t.http, official.token, ids.full, clientId);
      const cancelled = await t.http
        .post(`/api/test-sessions/${ids.cancelled}/cancel`)
        .set(bearer(tester.token))
        .send({ reason: 'Tester ill' });
      expect(cancelled.status).toBe(200);
    });

    const list = async (query: string, token = official.token) => {
      const response = await t.http.get(`/api/test-sessions?${query}`).set(bearer(token));
      expect(response.status).toBe(200);
      const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      return (response.body as SessionBody[]).map((s) => names[s.id]).filter(Boolean);
    };

    it('filters by a range of Helsinki days, inclusive', async () => {
      expect(await list('from=2028-02-02&to=2028-02-04')).toEqual([
        'sv-initial',
        'fi-literacy',
        'full',
      ]);
    });

    it('filters by target language, kind and centre', async () => {
      expect(await list('from=2028-02-01&to=2028-03-31&targetLanguage=sv')).toEqual(['sv-initial']);
      expect(await list('from=2028-02-01&to=2028-03-31&kind=literacy')).toEqual(['fi-literacy']);
      expect(
        await list(`from=2028-02-01&to=2028-03-31&centre=${otherTester.organisationId}`),
      ).toEqual(['other-centre']);
    });

    it('shows only sessions with places left when asked for available ones', async () => {
      const all = await list('from=2028-02-01&to=2028-02-29');
      expect(all).toEqual(expect.arrayContaining(['full', 'cancelled']));
      const available = await list('from=2028-02-01&to=2028-02-29&available=true');
      expect(available).toEqual(['fi-initial', 'sv-initial', 'fi-literacy', 'other-centre']);
    });

    it('shows places left, and the reason of a cancelled session', async () => {
      const response = await t.http
        .get('/api/test-sessions?from=2028-02-04&to=2028-02-05')
        .set(bearer(official.token));
      const byId = new Map((response.body as SessionBody[]).map((s) => [s.id, s]));
      expect(byId.get(ids.full)).toMatchObject({ placesLeft: 0, bookedCount: 1 });
      expect(byId.get(ids.cancelled)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Tester ill',
        placesLeft: 0,
      });
    });

    it("shows a tester only the own centre's sessions", async () => {
      expect(await list('from=2028-02-01&to=2028-03-31', otherTester.token)).toEqual([
        'other-centre',
      ]);
    });

    it('refuses a range that ends before it starts, and malformed filters', async () => {
      for (const query of [
        'from=2028-02-05&to=2028-02-01',
        'from=2027-02-30',
        'kind=oral',
        'available=yes',
        'centre=x',
      ]) {
        const response = await t.http
          .get(`/api/test-sessions?${query}`)
          .set(bearer(official.token));
        expect(response.status).toBe(400);
      }
    });
  });

  describe('roles and organisations', () => {
    const roles: Role[] = ['official', 'tester', 'provider', 'analyst'];
    const tokens = {} as Record<Role, string>;
    let sessionId: string;

    beforeAll(async () => {
      for (const role of roles) tokens[role] = (await signIn(t.http, t.db, role)).token;
      sessionId = await createSession(t.http, tester.token);
    });

    it('lets only testers publish sessions', async () => {
      for (const role of ['official', 'provider', 'analyst'] as Role[]) {
        const response = await publish(sessionInput(), tokens[role]);
        expect(response.status).toBe(403);
      }
    });

    it('lets only officials and testers list sessions', async () => {
      for (const role of ['provider', 'analyst'] as Role[]) {
        expect((await t.http.get('/api/test-sessions').set(bearer(tokens[role]))).status).toBe(403);
      }
    });

    it('answers 404 to a tester of another centre, for reading and for cancelling', async () => {
      const read = await t.http.get(`/api/test-sessions/${sessionId}`).set(bearer(tokens.tester));
      expect(read.status).toBe(404);
      const cancel = await t.http
        .post(`/api/test-sessions/${sessionId}/cancel`)
        .set(bearer(tokens.tester))
        .send({ reason: 'not mine' });
      expect(cancel.status).toBe(404);
      const missing = await t.http
        .get('/api/test-sessions/00000000-0000-4000-8000-000000000000')
        .set(bearer(tester.token));
      expect(read.body).toEqual(missing.body);
    });

    it('refuses an official cancelling a session', async () => {
      const response = await t.http
        .post(`/api/test-sessions/${sessionId}/cancel`)
        .set(bearer(tokens.official))
        .send({ reason: 'no' });
      expect(response.status).toBe(403);
    });

    it('answers 400 to an id that is not a UUID', async () => {
      const response = await t.http.get('/api/test-sessions/abc').set(bearer(tester.token));
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('id');
    });
  });

  describe('cancelling', () => {
    it('cancels the bookings too, frees nothing twice, and tells the office why', async () => {
      const sessionId = await createSession(t.http, tester.token, { capacity: 5 });
      const clientIds = [
        await registerClient(t.http, official.token),
        await registerClient(t.http, official.token),
      ];
      const bookingIds: string[] = [];
      for (const clientId of clientIds) {
        await giveConsent(t.http, official.token, clientId);
        bookingIds.push(await book(t.http, official.token, sessionId, clientId));
      }
      const response = await t.http
        .post(`/api/test-sessions/${sessionId}/cancel`)
        .set(bearer(tester.token))
        .send({ reason: 'Water damage in the building' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Water damage in the building',
        placesLeft: 0,
      });

      const booking = await t.http
        .get(`/api/test-bookings/${bookingIds[0]}`)
        .set(bearer(official.token));
      expect(booking.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Water damage in the building',
        session: { status: 'cancelled', cancelReason: 'Water damage in the building' },
      });
      const events = await t.db.query(
        `SELECT type, payload FROM outbox_events
          WHERE aggregate_id = ANY($1) ORDER BY id`,
        [[sessionId, ...bookingIds]],
      );
      expect(events.map((e: { type: string }) => e.type).sort()).toEqual([
        'test-booking.cancelled',
        'test-booking.cancelled',
        'test-session.cancelled',
      ]);
      const sessionEvent = events.find(
        (e: { type: string }) => e.type === 'test-session.cancelled',
      );
      expect(sessionEvent.payload.cancelledBookingIds.sort()).toEqual([...bookingIds].sort());

      const again = await t.http
        .post(`/api/test-sessions/${sessionId}/cancel`)
        .set(bearer(tester.token))
        .send({ reason: 'twice' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('session-cancelled');
    });

    it('needs a reason', async () => {
      const sessionId = await createSession(t.http, tester.token);
      const response = await t.http
        .post(`/api/test-sessions/${sessionId}/cancel`)
        .set(bearer(tester.token))
        .send({});
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('reason');
      const stored = await t.db.query(`SELECT status FROM test_sessions WHERE id = $1`, [
        sessionId,
      ]);
      expect(stored[0].status).toBe('scheduled');
    });

    it('refuses to cancel a session that has already begun', async () => {
      const response = await publish(
        sessionInput({
          startsAt: '2026-01-13T09:00:00+02:00',
          endsAt: '2026-01-13T12:00:00+02:00',
        }),
      );
      expect(response.status).toBe(201);
      const cancel = await t.http
        .post(`/api/test-sessions/${response.body.id}/cancel`)
        .set(bearer(tester.token))
        .send({ reason: 'late' });
      expect(cancel.status).toBe(409);
      expect(cancel.body.code).toBe('session-in-past');
    });

    it('writes the cancellation to the audit log', async () => {
      const sessionId = await createSession(t.http, tester.token);
      await t.http
        .post(`/api/test-sessions/${sessionId}/cancel`)
        .set(bearer(tester.token))
        .send({ reason: 'Audit me' });
      const rows = await t.db.query(
        `SELECT action, actor_user_id FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [sessionId],
      );
      expect(rows).toEqual([
        { action: 'test-session.create', actor_user_id: tester.userId },
        { action: 'test-session.cancel', actor_user_id: tester.userId },
      ]);
    });
  });

  it('documents every session route and its errors in the OpenAPI document', async () => {
    const response = await t.http.get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    const paths = response.body.paths;
    expect(Object.keys(paths['/api/test-sessions'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(paths['/api/test-sessions/{id}/cancel'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
    expect(paths['/api/test-sessions'].post.requestBody).toBeDefined();
  });
});
