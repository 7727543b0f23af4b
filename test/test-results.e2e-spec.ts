import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import {
  bearer,
  book,
  createSession,
  giveConsent,
  moveSessionToPast,
} from './support/test-bookings';

const RESULT = {
  listening: 'A2.1',
  speaking: 'A1.3',
  reading: 'A2.2',
  writing: 'A1.2',
  literacy: 'literate-latin',
  pace: 'basic',
  recommendation: 'Integration training on the basic path; practise writing.',
};

describe('attendance and results', () => {
  let t: TestApp;
  let official: { token: string; userId: string; organisationId: string | null };
  let tester: { token: string; userId: string; organisationId: string | null };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    official = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
  });
  afterAll(() => t.close());

  /** A booked client whose session took place yesterday. */
  const pastBooking = async () => {
    const clientId = await registerClient(t.http, official.token);
    await giveConsent(t.http, official.token, clientId);
    const sessionId = await createSession(t.http, tester.token, { targetLanguage: 'sv' });
    const bookingId = await book(t.http, official.token, sessionId, clientId);
    await moveSessionToPast(t.db, sessionId);
    return { clientId, sessionId, bookingId };
  };
  const attendance = (bookingId: string, attended: boolean, token = tester.token) =>
    t.http.post(`/api/test-bookings/${bookingId}/attendance`).set(bearer(token)).send({ attended });
  const putResult = (bookingId: string, body: Record<string, unknown>, token = tester.token) =>
    t.http.put(`/api/test-bookings/${bookingId}/result`).set(bearer(token)).send(body);
  const countResults = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM test_results`))[0].n);

  describe('attendance', () => {
    it('marks a client as attended, recording who marked it', async () => {
      const { bookingId } = await pastBooking();
      const response = await attendance(bookingId, true);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'attended',
        attendanceMarkedAt: expect.any(String),
      });
      const rows = await t.db.query(
        `SELECT attendance_marked_by FROM test_bookings WHERE id = $1`,
        [bookingId],
      );
      expect(rows[0].attendance_marked_by).toBe(tester.userId);
    });

    it('marks a no-show, which frees the client for a new booking of the kind', async () => {
      const { bookingId, clientId } = await pastBooking();
      expect((await attendance(bookingId, false)).body.status).toBe('no-show');
      await book(t.http, official.token, await createSession(t.http, tester.token), clientId);
    });

    it('refuses attendance before the session begins', async () => {
      const clientId = await registerClient(t.http, official.token);
      await giveConsent(t.http, official.token, clientId);
      const bookingId = await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token),
        clientId,
      );
      const response = await attendance(bookingId, true);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('session-not-started');
    });

    it('refuses attendance for a cancelled booking', async () => {
      const clientId = await registerClient(t.http, official.token);
      await giveConsent(t.http, official.token, clientId);
      const sessionId = await createSession(t.http, tester.token);
      const bookingId = await book(t.http, official.token, sessionId, clientId);
      await t.http
        .post(`/api/test-bookings/${bookingId}/cancel`)
        .set(bearer(official.token))
        .send({});
      await moveSessionToPast(t.db, sessionId);
      expect((await attendance(bookingId, true)).body.code).toBe('booking-cancelled');
    });

    it('answers 400 when attended is not a boolean', async () => {
      const { bookingId } = await pastBooking();
      const response = await t.http
        .post(`/api/test-bookings/${bookingId}/attendance`)
        .set(bearer(tester.token))
        .send({ attended: 'yes' });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('attended');
    });

    it('lets only testers mark attendance, and only in their own centre', async () => {
      const { bookingId } = await pastBooking();
      expect((await attendance(bookingId, true, official.token)).status).toBe(403);
      const other = await signIn(t.http, t.db, 'tester');
      expect((await attendance(bookingId, true, other.token)).status).toBe(404);
    });
  });

  describe('results', () => {
    it('records the result, with the start level defaulting to the lowest skill, and tells the office', async () => {
      const { bookingId, clientId } = await pastBooking();
      const response = await putResult(bookingId, RESULT);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        ...RESULT,
        bookingId,
        clientId,
        version: 1,
        startLevel: 'A1.2',
        enteredBy: tester.userId,
        isCurrent: true,
      });
      const booking = await t.http
        .get(`/api/test-bookings/${bookingId}`)
        .set(bearer(official.token));
      expect(booking.body.status).toBe('attended');

      const events = await t.db.query(
        `SELECT type, payload FROM outbox_events WHERE type LIKE 'test-result.%' AND payload->>'bookingId' = $1`,
        [bookingId],
      );
      expect(events).toEqual([
        {
          type: 'test-result.recorded',
          payload: {
            resultId: response.body.id,
            bookingId,
            clientId,
            officeId: official.organisationId,
            version: 1,
            targetLanguage: 'sv',
            pace: 'basic',
            startLevel: 'A1.2',
            literacy: 'literate-latin',
            enteredAt: expect.any(String),
            testedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          },
        },
      ]);
      const office = await t.http
        .get(`/api/test-bookings/${bookingId}/result`)
        .set(bearer(official.token));
      expect(office.status).toBe(200);
      expect(office.body.id).toBe(response.body.id);
    });

    it('keeps the start level the tester sets', async () => {
      const { bookingId } = await pastBooking();
      const response = await putResult(bookingId, { ...RESULT, startLevel: 'A2.1' });
      expect(response.body.startLevel).toBe('A2.1');
    });

    it('makes a second entry a correction: a new version, the old one kept in the history', async () => {
      const { bookingId } = await pastBooking();
      const first = await putResult(bookingId, RESULT);
      const second = await putResult(bookingId, { ...RESULT, writing: 'A2.1', pace: 'fast' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        version: 2,
        isCurrent: true,
        startLevel: 'A1.3',
        pace: 'fast',
      });
      const history = await t.http
        .get(`/api/test-bookings/${bookingId}/results`)
        .set(bearer(official.token));
      expect(history.status).toBe(200);
      expect(
        history.body.map((r: { version: number; isCurrent: boolean }) => [r.version, r.isCurrent]),
      ).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(history.body[1].id).toBe(first.body.id);
      expect(history.body[1].writing).toBe('A1.2');
      const events = await t.db.query(
        `SELECT type, payload->>'version' AS version FROM outbox_events
          WHERE type LIKE 'test-result.%' AND payload->>'bookingId' = $1 ORDER BY id`,
        [bookingId],
      );
      expect(events).toEqual([
        { type: 'test-result.recorded', version: '1' },
        { type: 'test-result.corrected', version: '2' },
      ]);
      const audit = await t.db.query(
        `SELECT action FROM audit_events WHERE action LIKE 'test-result.%' AND details->>'bookingId' = $1 ORDER BY id`,
        [bookingId],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'test-result.create',
        'test-result.correct',
      ]);
    });

    it('refuses a result for a no-show, and a no-show once a result exists', async () => {
      const noShow = await pastBooking();
      await attendance(noShow.bookingId, false);
      const refused = await putResult(noShow.bookingId, RESULT);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('not-attended');
      const tested = await pastBooking();
      await putResult(tested.bookingId, RESULT);
      const late = await attendance(tested.bookingId, false);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('result-exists');
    });

    it('refuses a result before the test', async () => {
      const clientId = await registerClient(t.http, official.token);
      await giveConsent(t.http, official.token, clientId);
      const bookingId = await book(
        t.http,
        official.token,
        await createSession(t.http, tester.token),
        clientId,
      );
      const response = await putResult(bookingId, RESULT);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('session-not-started');
    });

    describe('bad input answers 400 naming each field, and stores nothing', () => {
      const cases: Array<[string, Record<string, unknown>, string[]]> = [
        [
          'level codes not on the scale',
          { ...RESULT, listening: 'B3', speaking: 'a1.1' },
          ['listening', 'speaking'],
        ],
        ['an unknown start level', { ...RESULT, startLevel: 'native' }, ['startLevel']],
        [
          'an unknown literacy and pace',
          { ...RESULT, literacy: 'good', pace: 'turbo' },
          ['literacy', 'pace'],
        ],
        ['a missing skill', { ...RESULT, reading: undefined }, ['reading']],
        ['an empty recommendation', { ...RESULT, recommendation: ' ' }, ['recommendation']],
      ];
      for (const [what, body, fields] of cases) {
        it(`refuses ${what}`, async () => {
          const { bookingId } = await pastBooking();
          const before = await countResults();
          const response = await putResult(bookingId, body);
          expect(response.status).toBe(400);
          expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
            fields.sort(),
          );
          expect(await countResults()).toBe(before);
          const booking = await t.db.query(`SELECT status FROM test_bookings WHERE id = $1`, [
            bookingId,
          ]);
          expect(booking[0].status).toBe('booked');
        });
      }
    });

    describe('who may', () => {
      it("answers 404 to a tester of another centre, and 403 to other roles' writes", async () => {
        const { bookingId } = await pastBooking();
        const other = await signIn(t.http, t.db, 'tester');
        expect((await putResult(bookingId, RESULT, other.token)).status).toBe(404);
        for (const role of ['provider', 'analyst'] as Role[]) {
          const user = await signIn(t.http, t.db, role);
          expect((await putResult(bookingId, RESULT, user.token)).status).toBe(403);
          expect(
            (await t.http.get(`/api/test-bookings/${bookingId}/result`).set(bearer(user.token)))
              .status,
          ).toBe(403);
        }
        expect((await putResult(bookingId, RESULT, official.token)).status).toBe(403);
        expect(await countResultsFor(bookingId)).toBe(0);
      });

      it('answers 404 to an official of another office reading a result', async () => {
        const { bookingId } = await pastBooking();
        await putResult(bookingId, RESULT);
        const other = await signIn(t.http, t.db, 'official');
        const response = await t.http
          .get(`/api/test-bookings/${bookingId}/results`)
          .set(bearer(other.token));
        expect(response.status).toBe(404);
      });

      it('stops the tester once consent is withdrawn; the office keeps the result', async () => {
        const { bookingId, clientId } = await pastBooking();
        await putResult(bookingId, RESULT);
        const withdrawn = await t.http
          .delete(`/api/clients/${clientId}/consents`)
          .set(bearer(official.token));
        expect(withdrawn.status).toBe(200);
        expect((await putResult(bookingId, { ...RESULT, pace: 'slow' })).status).toBe(404);
        expect(
          (await t.http.get(`/api/test-bookings/${bookingId}/result`).set(bearer(tester.token)))
            .status,
        ).toBe(404);
        expect((await attendance(bookingId, true)).status).toBe(404);
        const office = await t.http
          .get(`/api/test-bookings/${bookingId}/result`)
          .set(bearer(official.token));
        expect(office.status).toBe(200);
        expect(office.body.pace).toBe('basic');
        expect(await countResultsFor(bookingId)).toBe(1);
      });

      it('answers 404 for a booking without a result yet', async () => {
        const { bookingId } = await pastBooking();
        const response = await t.http
          .get(`/api/test-bookings/${bookingId}/result`)
          .set(bearer(official.token));
        expect(response.status).toBe(404);
      });
    });
  });

  const countResultsFor = async (bookingId: string) =>
    Number(
      (
        await t.db.query(`SELECT count(*) AS n FROM test_results WHERE booking_id = $1`, [
          bookingId,
        ])
      )[0].n,
    );
});
