import { BookingModule } from '../apps/booking/src/booking.module';
import { OfferLifecycleService } from '../apps/queue/src/offers/offer-lifecycle.service';
import { QueueModule } from '../apps/queue/src/queue.module';
import { bookSeat, daysFromToday, publishCourse, seatFor } from './support/courses';
import { signIn } from './support/factories';
import { liveEntry, settle, testedClient, type User } from './support/queue';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

interface Candidate {
  clientId: string | null;
  officeId: string;
  position: number;
  sameRegion: boolean;
  startLevel: string;
}

/** Each describe has its own queue keys (pace, level), so their clients never mix. */
describe('candidates and seat offers', () => {
  let t: TestApp;
  let official: User;
  let faraway: User;
  let tester: User;
  let provider: User;
  let regionId: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule]);
    official = await signIn(t.http, t.db, 'official');
    faraway = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
    provider = await signIn(t.http, t.db, 'provider');
    [{ region_id: regionId }] = await t.db.query(
      `SELECT region_id FROM organisations WHERE id = $1`,
      [official.organisationId],
    );
  });
  afterAll(() => t.close());

  const candidates = (courseId: string, user = official, query = '') =>
    t.http.get(`/api/courses/${courseId}/candidates${query}`).set(bearer(user.token));
  const offersOf = async (courseId: string) =>
    t.db.query<Array<{ client_id: string; status: string; decline_reason: string | null }>>(
      `SELECT client_id, status, decline_reason FROM seat_offers WHERE course_id = $1 ORDER BY offered_at, id`,
      [courseId],
    );
  const seatsTaken = async (courseId: string) =>
    (await t.db.query(`SELECT seats_taken FROM courses WHERE id = $1`, [courseId]))[0]
      .seats_taken as number;
  const cancelSeat = (seatId: string) =>
    t.http
      .post(`/api/seats/${seatId}/cancel`)
      .set(bearer(official.token))
      .send({ date: daysFromToday(0), reason: 'Client moved' });
  const openOfferOf = async (clientId: string) =>
    (
      await t.db.query(`SELECT id FROM seat_offers WHERE client_id = $1 AND status = 'open'`, [
        clientId,
      ])
    )[0]?.id as string | undefined;
  /** A full future course of `seats` for fi/fast A1.1–A2.1, in the official's region. */
  const fullCourse = async (seats: number, pace = 'fast') => {
    const course = await publishCourse(t.http, provider.token, {
      pace,
      seats,
      regionId,
      startsOn: daysFromToday(20),
      endsOn: daysFromToday(200),
    });
    const seatIds: string[] = [];
    for (let i = 0; i < seats; i++) {
      const { clientId } = await testedClient(t, official, tester, { pace: pace as 'fast' });
      seatIds.push(await seatFor(t.http, official.token, course.id, clientId));
    }
    return { courseId: course.id, seatIds };
  };

  describe('candidates', () => {
    let fitting: string[];
    let courseId: string;

    beforeAll(async () => {
      const basic = { pace: 'basic' as const };
      // In queue order for a course of the official's region: same region first.
      const a = await testedClient(t, official, tester, { ...basic, level: 'A1.2', daysAgo: 9 });
      const b = await testedClient(t, official, tester, { ...basic, level: 'A2.1', daysAgo: 4 });
      const far = await testedClient(t, faraway, tester, { ...basic, level: 'A1.1', daysAgo: 30 });
      await testedClient(t, official, tester, { ...basic, level: 'B1.1', daysAgo: 50 });
      await testedClient(t, official, tester, { pace: 'slow', level: 'A1.2', daysAgo: 50 });
      await testedClient(t, official, tester, {
        ...basic,
        level: 'A1.2',
        daysAgo: 50,
        targetLanguage: 'sv',
      });
      fitting = [a.clientId, b.clientId, far.clientId];
      courseId = (
        await publishCourse(t.http, provider.token, { regionId, seats: 12, pace: 'basic' })
      ).id;
      await settle(t);
    });

    it('lists the waiting clients who fit, the course’s region first, then in queue order', async () => {
      const response = await candidates(courseId);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ courseId, seats: 12, seatsLeft: 12, total: 3 });
      const rows = response.body.candidates as Candidate[];
      expect(rows.map((row) => [row.position, row.sameRegion, row.startLevel])).toEqual([
        [1, true, 'A1.2'],
        [2, true, 'A2.1'],
        [3, false, 'A1.1'],
      ]);
      // The other region's client is shown as a place only.
      expect(rows.map((row) => row.clientId)).toEqual([fitting[0], fitting[1], null]);
      const audit = await t.db.query(
        `SELECT details FROM audit_events WHERE action = 'course.candidates.read' AND entity_id = $1`,
        [courseId],
      );
      expect(audit[0].details.clientIds.sort()).toEqual([fitting[0], fitting[1]].sort());
    });

    it('shows the other office its own client by name', async () => {
      const rows = (await candidates(courseId, faraway)).body.candidates as Candidate[];
      expect(rows.map((row) => row.clientId)).toEqual([null, null, fitting[2]]);
    });

    it('answers 404 for an unknown course, 400 for a bad id or limit, 403 for a provider', async () => {
      expect((await candidates('6f1c1b4e-0000-4000-8000-000000000000')).status).toBe(404);
      const badId = await candidates('nope');
      expect(badId.status).toBe(400);
      expect(badId.body.details[0].field).toBe('id');
      const badLimit = await candidates(courseId, official, '?limit=9999');
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.details[0].field).toBe('limit');
      expect((await candidates(courseId, provider)).status).toBe(403);
    });
  });

  describe('offers of a released seat', () => {
    it('holds the seat for the strict head, passes it on when declined or lapsed, and books it', async () => {
      const { courseId, seatIds } = await fullCourse(2);
      const heads: string[] = [];
      for (const daysAgo of [30, 20, 10]) {
        heads.push((await testedClient(t, official, tester, { pace: 'fast', daysAgo })).clientId);
      }
      await settle(t);

      expect((await cancelSeat(seatIds[0])).status).toBe(201);
      await settle(t);
      expect(await offersOf(courseId)).toEqual([
        { client_id: heads[0], status: 'open', decline_reason: null },
      ]);
      // The place is held: the course looks full to everyone else.
      expect(await seatsTaken(courseId)).toBe(2);
      const direct = await bookSeat(t.http, official.token, courseId, { clientId: heads[1] });
      expect(direct.status).toBe(409);
      expect(direct.body.code).toBe('course-full');

      const listed = await t.http.get('/api/seat-offers?status=open').set(bearer(official.token));
      expect(listed.status).toBe(200);
      const offer = (listed.body as Array<Record<string, string>>).find(
        (row) => row.clientId === heads[0],
      )!;
      expect(offer).toMatchObject({ courseId, status: 'open' });
      expect(new Date(offer.expiresAt).getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 3600_000);
      expect((await t.http.get('/api/seat-offers').set(bearer(faraway.token))).body).toEqual([]);

      const noReason = await t.http
        .post(`/api/seat-offers/${offer.id}/decline`)
        .set(bearer(official.token))
        .send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details[0].field).toBe('reason');
      const foreign = await t.http
        .post(`/api/seat-offers/${offer.id}/decline`)
        .set(bearer(faraway.token))
        .send({ reason: 'x' });
      expect(foreign.status).toBe(404);
      const declined = await t.http
        .post(`/api/seat-offers/${offer.id}/decline`)
        .set(bearer(official.token))
        .send({ reason: 'Client starts work in January' });
      expect(declined.status).toBe(200);
      expect((await offersOf(courseId)).map((row) => [row.client_id, row.status])).toEqual([
        [heads[0], 'declined'],
        [heads[1], 'open'],
      ]);

      // The second head's office lets the offer lapse.
      await t.db.query(
        `UPDATE seat_offers SET expires_at = now() - interval '1 minute' WHERE client_id = $1`,
        [heads[1]],
      );
      expect(await t.app.get(OfferLifecycleService).sweep()).toBe(1);
      expect((await offersOf(courseId)).map((row) => [row.client_id, row.status])).toEqual([
        [heads[0], 'declined'],
        [heads[1], 'expired'],
        [heads[2], 'open'],
      ]);

      const third = (await openOfferOf(heads[2]))!;
      const booked = await t.http
        .post(`/api/seat-offers/${third}/book`)
        .set(bearer(official.token));
      expect(booked.status).toBe(201);
      expect(await seatsTaken(courseId)).toBe(2);
      const again = await t.http.post(`/api/seat-offers/${third}/book`).set(bearer(official.token));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('offer-not-open');
      expect(await liveEntry(t, heads[2])).toMatchObject({
        status: 'placed',
        seat_id: booked.body.seatId,
      });
      await settle(t);
      expect(await liveEntry(t, heads[2])).toMatchObject({ status: 'placed' });
      const audit = await t.db.query(
        `SELECT action FROM audit_events WHERE client_id = $1 AND action LIKE 'seat%' ORDER BY id`,
        [heads[2]],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual([
        'seat-offer.create',
        'seat.create',
        'seat-offer.accept',
      ]);
    });

    it('gives the place back to the course when nobody is waiting for it', async () => {
      const { courseId, seatIds } = await fullCourse(1, 'literacy');
      await settle(t);
      await cancelSeat(seatIds[0]);
      await settle(t);
      expect(await offersOf(courseId)).toEqual([]);
      expect(await seatsTaken(courseId)).toBe(0);
    });

    it('passes the offer on when its client is placed elsewhere', async () => {
      const { courseId, seatIds } = await fullCourse(1, 'slow');
      await testedClient(t, official, tester, { pace: 'slow', daysAgo: 20 });
      await testedClient(t, official, tester, { pace: 'slow', daysAgo: 10 });
      await settle(t);
      const [first, second] = ((await candidates(courseId)).body.candidates as Candidate[]).map(
        (row) => ({ clientId: row.clientId! }),
      );
      await cancelSeat(seatIds[0]);
      await settle(t);
      expect((await offersOf(courseId))[0].client_id).toBe(first.clientId);
      const other = await publishCourse(t.http, provider.token, { pace: 'slow' });
      await seatFor(t.http, official.token, other.id, first.clientId);
      await settle(t);
      expect(await t.app.get(OfferLifecycleService).sweep()).toBe(1);
      expect((await offersOf(courseId)).map((row) => [row.client_id, row.status])).toEqual([
        [first.clientId, 'expired'],
        [second.clientId, 'open'],
      ]);
    });
  });

  describe('under concurrency', () => {
    it('offers places released at once to the heads in strict queue order, never one client twice', async () => {
      const { courseId, seatIds } = await fullCourse(6, 'basic');
      const waiting: string[] = [];
      for (let i = 0; i < 9; i++) {
        waiting.push((await testedClient(t, official, tester, { daysAgo: 60 - i })).clientId);
      }
      await settle(t);
      const before = (
        (await candidates(courseId, official, '?limit=500')).body.candidates as Candidate[]
      ).map((row) => row.clientId);

      const answers = await Promise.all(seatIds.map((seatId) => cancelSeat(seatId)));
      expect(answers.map((answer) => answer.status)).toEqual(seatIds.map(() => 201));
      await settle(t);

      const offers = await offersOf(courseId);
      const offered = offers.map((row) => row.client_id);
      expect(new Set(offered).size).toBe(6);
      expect([...offered].sort()).toEqual(before.slice(0, 6).sort());
      expect(await seatsTaken(courseId)).toBe(6);
    });

    it('lets only one of a booking and a decline of the same offer win', async () => {
      const { courseId, seatIds } = await fullCourse(1, 'fast');
      const head = await testedClient(t, official, tester, { pace: 'fast', daysAgo: 90 });
      await settle(t);
      await cancelSeat(seatIds[0]);
      await settle(t);
      const offerId = (await openOfferOf(head.clientId))!;
      const [booked, declined] = await Promise.all([
        t.http.post(`/api/seat-offers/${offerId}/book`).set(bearer(official.token)),
        t.http
          .post(`/api/seat-offers/${offerId}/decline`)
          .set(bearer(official.token))
          .send({ reason: 'Not now' }),
      ]);
      const statuses = [booked.status, declined.status];
      expect(statuses.filter((status) => status === 409)).toHaveLength(1);
      expect(booked.status === 201 || declined.status === 200).toBe(true);
      const [offer] = await t.db.query(`SELECT status FROM seat_offers WHERE id = $1`, [offerId]);
      expect(booked.status === 201 ? 'accepted' : 'declined').toBe(offer.status);
      expect(await seatsTaken(courseId)).toBeLessThanOrEqual(1);
    });
  });
});
