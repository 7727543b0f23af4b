import { EVENT_TYPES } from '@kotoportti/platform';
import { BookingModule } from '../apps/booking/src/booking.module';
import {
  bookSeat,
  courseInput,
  daysFromToday,
  outboxEvents,
  publishCourse,
  readyClient,
  seatFor,
} from './support/courses';
import { createOrganisation, signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

type User = Awaited<ReturnType<typeof signIn>>;

describe('courses', () => {
  let t: TestApp;
  let provider: User;
  let otherProvider: User;
  let official: User;
  let regionId: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    provider = await signIn(t.http, t.db, 'provider');
    otherProvider = await signIn(t.http, t.db, 'provider');
    official = await signIn(t.http, t.db, 'official');
    regionId = await createOrganisation(t.db, 'region');
  });
  afterAll(() => t.close());

  const countCourses = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM courses`))[0].n);
  const fieldsNamed = (body: { details: Array<{ field: string }> }) =>
    body.details.map((detail) => detail.field).sort();

  describe('publishing', () => {
    it('publishes a course for the provider’s own organisation, with every seat left', async () => {
      const response = await t.http
        .post('/api/courses')
        .set(bearer(provider.token))
        .send(courseInput({ regionId, notes: 'Lastenhoito järjestetty', childcare: true }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        providerId: provider.organisationId,
        regionId,
        pace: 'basic',
        minLevel: 'A1.1',
        maxLevel: 'A2.1',
        seats: 16,
        seatsTaken: 0,
        seatsLeft: 16,
        status: 'published',
        childcare: true,
        evening: false,
        notes: 'Lastenhoito järjestetty',
      });
      expect(response.body.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('refuses an end before the start, an unknown pace and a minimum above the maximum, naming each and storing nothing', async () => {
      const before = await countCourses();
      const response = await t.http
        .post('/api/courses')
        .set(bearer(provider.token))
        .send(
          courseInput({
            startsOn: '2026-09-01',
            endsOn: '2026-08-31',
            pace: 'turbo',
            minLevel: 'B1.1',
            maxLevel: 'A2.2',
          }),
        );
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid-input');
      expect(fieldsNamed(response.body)).toEqual(['endsOn', 'maxLevel', 'pace']);
      expect(await countCourses()).toBe(before);
    });

    it('compares levels by the scale, not as text (below-A1.1 is the lowest)', async () => {
      const response = await t.http
        .post('/api/courses')
        .set(bearer(provider.token))
        .send(courseInput({ minLevel: 'below-A1.1', maxLevel: 'A1.1', pace: 'literacy' }));
      expect(response.status).toBe(201);
    });

    it('refuses unknown levels, zero seats, a missing schedule and unknown fields', async () => {
      const { schedule: _schedule, ...withoutSchedule } = courseInput({
        minLevel: 'A0',
        seats: 0,
        sponsor: 'x',
      });
      const response = await t.http
        .post('/api/courses')
        .set(bearer(provider.token))
        .send(withoutSchedule);
      expect(response.status).toBe(400);
      expect(fieldsNamed(response.body)).toEqual(['minLevel', 'schedule', 'seats', 'sponsor']);
    });

    it('refuses a regionId that is not a region', async () => {
      const before = await countCourses();
      const response = await t.http
        .post('/api/courses')
        .set(bearer(provider.token))
        .send(courseInput({ regionId: provider.organisationId }));
      expect(response.status).toBe(400);
      expect(fieldsNamed(response.body)).toEqual(['regionId']);
      expect(await countCourses()).toBe(before);
    });

    it.each(['official', 'tester', 'analyst'] as const)('refuses a %s publishing', async (role) => {
      const user = await signIn(t.http, t.db, role);
      const response = await t.http
        .post('/api/courses')
        .set(bearer(user.token))
        .send(courseInput());
      expect(response.status).toBe(403);
    });
  });

  describe('listing', () => {
    let regionA: string;
    let match: string;
    let full: string;
    let cancelled: string;
    let ended: string;
    let swedish: string;
    let fast: string;
    let later: string;

    beforeAll(async () => {
      regionA = await createOrganisation(t.db, 'region');
      const publish = async (overrides: Record<string, unknown>) =>
        (await publishCourse(t.http, provider.token, { regionId: regionA, ...overrides })).id;
      match = await publish({ name: 'Match', minLevel: 'A1.1', maxLevel: 'A2.1' });
      full = await publish({ name: 'Full', seats: 1 });
      cancelled = await publish({ name: 'Cancelled' });
      ended = await publish({
        name: 'Ended',
        startsOn: daysFromToday(-200),
        endsOn: daysFromToday(-10),
      });
      swedish = await publish({ name: 'Svenska', targetLanguage: 'sv' });
      fast = await publish({ name: 'Fast', pace: 'fast' });
      later = await publish({
        name: 'Later',
        startsOn: daysFromToday(60),
        endsOn: daysFromToday(200),
        minLevel: 'A2.2',
        maxLevel: 'B1.2',
      });
      await seatFor(t.http, official.token, full, await readyClient(t, official));
      await t.http
        .post(`/api/courses/${cancelled}/cancel`)
        .set(bearer(provider.token))
        .send({ reason: 'Too few participants' });
    });

    const list = async (token: string, query: string) => {
      const response = await t.http
        .get(`/api/courses?regionId=${regionA}&${query}`)
        .set(bearer(token));
      expect(response.status).toBe(200);
      return response.body as Array<{ id: string; seatsLeft: number; providerName: string }>;
    };
    const ids = async (query: string) => (await list(official.token, query)).map((c) => c.id);

    it('shows officials only courses with free seats that have not ended, when asked for available ones', async () => {
      expect(await ids('available=true')).toEqual(
        expect.arrayContaining([match, swedish, fast, later]),
      );
      const available = await ids('available=true');
      expect(available).not.toContain(full);
      expect(available).not.toContain(cancelled);
      expect(available).not.toContain(ended);
    });

    it('never shows officials a cancelled course, and shows seatsLeft and the provider', async () => {
      const courses = await list(official.token, '');
      expect(courses.map((c) => c.id)).not.toContain(cancelled);
      expect(courses.find((c) => c.id === full)).toMatchObject({ seatsLeft: 0 });
      expect(courses.find((c) => c.id === match)).toMatchObject({ seatsLeft: 16 });
      expect(courses[0].providerName).toEqual(expect.any(String));
    });

    it('filters by target language and pace', async () => {
      expect(await ids('targetLanguage=sv')).toEqual([swedish]);
      expect(await ids('pace=fast')).toEqual([fast]);
    });

    it('filters by a level inside the course range, on the level scale', async () => {
      const b1 = await ids('level=B1.1');
      expect(b1).toEqual([later]);
      const a11 = await ids('level=A1.1');
      expect(a11).toContain(match);
      expect(a11).not.toContain(later);
      expect(await ids('level=below-A1.1')).toEqual([]);
    });

    it('filters by a start-date window', async () => {
      expect(await ids(`startFrom=${daysFromToday(30)}`)).toEqual([later]);
      const before = await ids(`startTo=${daysFromToday(0)}`);
      expect(before).toContain(match);
      expect(before).not.toContain(later);
    });

    it('filters by region', async () => {
      const otherRegion = await createOrganisation(t.db, 'region');
      const response = await t.http
        .get(`/api/courses?regionId=${otherRegion}`)
        .set(bearer(official.token));
      expect(response.body).toEqual([]);
    });

    it('places a course published without a region in its provider’s region', async () => {
      const providerRegion = await createOrganisation(t.db, 'region');
      const regional = await signIn(
        t.http,
        t.db,
        'provider',
        await createOrganisation(t.db, 'course-provider', { regionId: providerRegion }),
      );
      const course = await publishCourse(t.http, regional.token);
      const inRegion = await t.http
        .get(`/api/courses?regionId=${providerRegion}`)
        .set(bearer(official.token));
      expect(inRegion.body).toEqual([expect.objectContaining({ id: course.id })]);
      const elsewhere = await t.http
        .get(`/api/courses?regionId=${regionA}`)
        .set(bearer(official.token));
      expect((elsewhere.body as Array<{ id: string }>).map((c) => c.id)).not.toContain(course.id);
    });

    it('refuses a window that ends before it starts, an unknown level and a non-boolean available', async () => {
      const response = await t.http
        .get('/api/courses?startFrom=2026-05-01&startTo=2026-04-01&level=Z9&available=yes')
        .set(bearer(official.token));
      expect(response.status).toBe(400);
      expect(fieldsNamed(response.body)).toEqual(['available', 'level', 'startTo']);
    });

    it('shows a provider its own courses only, cancelled ones included', async () => {
      const own = (await list(provider.token, '')).map((c) => c.id);
      expect(own).toContain(cancelled);
      expect(await list(otherProvider.token, '')).toEqual([]);
    });

    it('answers 404 to another provider asking for one course, and 200 to officials', async () => {
      const foreign = await t.http.get(`/api/courses/${match}`).set(bearer(otherProvider.token));
      expect(foreign.status).toBe(404);
      const own = await t.http.get(`/api/courses/${match}`).set(bearer(provider.token));
      expect(own.status).toBe(200);
      const office = await t.http.get(`/api/courses/${cancelled}`).set(bearer(official.token));
      expect(office.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Too few participants',
        seatsLeft: 0,
      });
    });

    it('refuses testers and analysts', async () => {
      for (const role of ['tester', 'analyst'] as const) {
        const user = await signIn(t.http, t.db, role);
        expect((await t.http.get('/api/courses').set(bearer(user.token))).status).toBe(403);
      }
    });
  });

  describe('changing seats', () => {
    it('raises and lowers seats down to the seats taken, never below', async () => {
      const course = await publishCourse(t.http, provider.token, { seats: 3 });
      await seatFor(t.http, official.token, course.id, await readyClient(t, official));
      await seatFor(t.http, official.token, course.id, await readyClient(t, official));

      const raised = await t.http
        .patch(`/api/courses/${course.id}/seats`)
        .set(bearer(provider.token))
        .send({ seats: 20 });
      expect(raised.status).toBe(200);
      expect(raised.body).toMatchObject({ seats: 20, seatsTaken: 2, seatsLeft: 18 });

      const lowered = await t.http
        .patch(`/api/courses/${course.id}/seats`)
        .set(bearer(provider.token))
        .send({ seats: 2 });
      expect(lowered.body).toMatchObject({ seats: 2, seatsLeft: 0 });

      const below = await t.http
        .patch(`/api/courses/${course.id}/seats`)
        .set(bearer(provider.token))
        .send({ seats: 1 });
      expect(below.status).toBe(409);
      expect(below.body).toMatchObject({ code: 'seats-below-taken', details: { seatsTaken: 2 } });
      const [row] = await t.db.query(`SELECT seats FROM courses WHERE id = $1`, [course.id]);
      expect(row.seats).toBe(2);
    });

    it('refuses seats that are not a whole number from 1 to 1000', async () => {
      const course = await publishCourse(t.http, provider.token);
      for (const seats of [0, 1001, 2.5, '5']) {
        const response = await t.http
          .patch(`/api/courses/${course.id}/seats`)
          .set(bearer(provider.token))
          .send({ seats });
        expect(response.status).toBe(400);
        expect(fieldsNamed(response.body)).toEqual(['seats']);
      }
    });

    it('answers 404 to another provider and 403 to an official', async () => {
      const course = await publishCourse(t.http, provider.token);
      const foreign = await t.http
        .patch(`/api/courses/${course.id}/seats`)
        .set(bearer(otherProvider.token))
        .send({ seats: 5 });
      expect(foreign.status).toBe(404);
      const office = await t.http
        .patch(`/api/courses/${course.id}/seats`)
        .set(bearer(official.token))
        .send({ seats: 5 });
      expect(office.status).toBe(403);
    });
  });

  describe('cancelling', () => {
    const cancelCourse = (courseId: string, body: object, token = provider.token) =>
      t.http.post(`/api/courses/${courseId}/cancel`).set(bearer(token)).send(body);

    it('cancels the course and its reserved seats, emits course.cancelled and shows the office why', async () => {
      const course = await publishCourse(t.http, provider.token, {
        startsOn: daysFromToday(20),
        endsOn: daysFromToday(120),
      });
      const clientId = await readyClient(t, official);
      const seatId = await seatFor(t.http, official.token, course.id, clientId);

      const response = await cancelCourse(course.id, { reason: 'The teacher fell ill' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'The teacher fell ill',
        seatsTaken: 0,
        seatsLeft: 0,
      });

      const seat = await t.http.get(`/api/seats/${seatId}`).set(bearer(official.token));
      expect(seat.status).toBe(200);
      expect(seat.body).toMatchObject({
        status: 'cancelled',
        course: { status: 'cancelled', cancelReason: 'The teacher fell ill' },
        reports: [
          {
            kind: 'cancel',
            text: 'The teacher fell ill',
            reportedBy: { userId: provider.userId, organisationId: provider.organisationId },
          },
        ],
      });

      expect(await outboxEvents(t.db, EVENT_TYPES.courseCancelled, course.id)).toEqual([
        {
          courseId: course.id,
          providerId: provider.organisationId,
          reason: 'The teacher fell ill',
          beforeCourseStart: true,
          seats: [{ seatId, clientId }],
        },
      ]);
      const [{ taken }] = await t.db.query(
        `SELECT seats_taken AS taken FROM courses WHERE id = $1`,
        [course.id],
      );
      expect(taken).toBe(0);
    });

    it('refuses to cancel twice, and refuses seat bookings on a cancelled course', async () => {
      const course = await publishCourse(t.http, provider.token);
      const cancel = () => cancelCourse(course.id, { reason: 'No teacher' });
      expect((await cancel()).status).toBe(200);
      const again = await cancel();
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('course-cancelled');

      const booking = await bookSeat(t.http, official.token, course.id, {
        clientId: await readyClient(t, official),
      });
      expect(booking.status).toBe(409);
      expect(booking.body.code).toBe('course-cancelled');
    });

    it('refuses to cancel a course under way, changing nothing', async () => {
      const course = await publishCourse(t.http, provider.token);
      const started = await seatFor(
        t.http,
        official.token,
        course.id,
        await readyClient(t, official),
      );
      const reserved = await seatFor(
        t.http,
        official.token,
        course.id,
        await readyClient(t, official),
      );
      await t.http
        .post(`/api/seats/${started}/start`)
        .set(bearer(provider.token))
        .send({ date: daysFromToday(-1) });

      const response = await cancelCourse(course.id, { reason: 'Budget cut' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('course-under-way');
      const [row] = await t.db.query(
        `SELECT c.status, c.seats_taken, s.status AS seat_status
           FROM courses c JOIN seats s ON s.course_id = c.id WHERE s.id = $1`,
        [reserved],
      );
      expect(row).toEqual({ status: 'published', seats_taken: 2, seat_status: 'reserved' });
    });

    it('refuses to cancel a course whose only participant has already dropped out', async () => {
      const course = await publishCourse(t.http, provider.token);
      const seat = await seatFor(t.http, official.token, course.id, await readyClient(t, official));
      for (const [action, body] of [
        ['start', { date: daysFromToday(-5) }],
        ['dropout', { date: daysFromToday(-1), reason: 'moved-away' }],
      ] as const) {
        const report = await t.http
          .post(`/api/seats/${seat}/${action}`)
          .set(bearer(provider.token))
          .send(body);
        expect(report.status).toBe(201);
      }
      const response = await cancelCourse(course.id, { reason: 'Budget cut' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('course-under-way');
    });

    it('refuses to cancel a course that has ended', async () => {
      const course = await publishCourse(t.http, provider.token, {
        startsOn: daysFromToday(-120),
        endsOn: daysFromToday(-1),
      });
      const response = await cancelCourse(course.id, { reason: 'Tidying up' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('course-ended');
      const [row] = await t.db.query(`SELECT status FROM courses WHERE id = $1`, [course.id]);
      expect(row.status).toBe('published');
    });

    it('needs a reason, and answers 404 to another provider', async () => {
      const course = await publishCourse(t.http, provider.token);
      const noReason = await cancelCourse(course.id, {});
      expect(noReason.status).toBe(400);
      expect(fieldsNamed(noReason.body)).toEqual(['reason']);
      const foreign = await cancelCourse(course.id, { reason: 'Mine now' }, otherProvider.token);
      expect(foreign.status).toBe(404);
    });
  });

  it('documents every course endpoint with its errors in the OpenAPI document', async () => {
    const response = await t.http.get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    const paths = response.body.paths as Record<string, Record<string, { responses: object }>>;
    const expected: Array<[string, string, string[]]> = [
      ['/api/courses', 'post', ['400', '401', '403']],
      ['/api/courses', 'get', ['400']],
      ['/api/courses/{id}', 'get', ['404']],
      ['/api/courses/{id}/seats', 'patch', ['400', '404', '409']],
      ['/api/courses/{id}/cancel', 'post', ['404', '409']],
    ];
    for (const [path, method, statuses] of expected) {
      expect(Object.keys(paths[path][method].responses)).toEqual(expect.arrayContaining(statuses));
    }
  });
});
