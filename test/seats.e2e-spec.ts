import { EVENT_TYPES } from '@kotoportti/platform';
import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { recordConsent, withdrawConsent } from './support/consents';
import {
  bookSeat,
  daysFromToday,
  outboxEvents,
  publishCourse,
  readyClient,
  seatFor,
} from './support/courses';
import { signIn } from './support/factories';
import { recordResult } from './support/results';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

type User = Awaited<ReturnType<typeof signIn>>;

describe('booking a seat', () => {
  let t: TestApp;
  let provider: User;
  let official: User;
  let courseId: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    provider = await signIn(t.http, t.db, 'provider');
    official = await signIn(t.http, t.db, 'official');
    courseId = (await publishCourse(t.http, provider.token, { seats: 50 })).id;
  });
  afterAll(() => t.close());

  const seatsOf = async (clientId: string) =>
    t.db.query(`SELECT status, level_override_reason FROM seats WHERE client_id = $1`, [clientId]);
  const seatsTaken = async (id: string) =>
    (await t.db.query(`SELECT seats_taken FROM courses WHERE id = $1`, [id]))[0]
      .seats_taken as number;

  it('reserves a seat, takes one place, emits seat.booked and audits the write', async () => {
    const clientId = await readyClient(t, official);
    const before = await seatsTaken(courseId);
    const response = await bookSeat(t.http, official.token, courseId, { clientId });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      courseId,
      clientId,
      status: 'reserved',
      bookedBy: official.userId,
      levelOverrideReason: null,
    });
    const seatId = response.body.id as string;
    expect(await seatsTaken(courseId)).toBe(before + 1);

    const course = await t.http.get(`/api/courses/${courseId}`).set(bearer(official.token));
    expect(course.body.seatsLeft).toBe(50 - before - 1);

    expect(await outboxEvents(t.db, EVENT_TYPES.seatBooked, seatId)).toEqual([
      { seatId, courseId, clientId, status: 'reserved' },
    ]);
    const audit = await t.db.query(
      `SELECT actor_user_id, action, entity_id FROM audit_events WHERE client_id = $1 AND action = 'seat.create'`,
      [clientId],
    );
    expect(audit).toEqual([
      { actor_user_id: official.userId, action: 'seat.create', entity_id: seatId },
    ]);
  });

  it('refuses a client without consent with 409 consent-missing, storing nothing', async () => {
    const clientId = await registerClient(t.http, official.token);
    await recordResult(t.db, clientId, { startLevel: 'A1.2' });
    const before = await seatsTaken(courseId);
    const response = await bookSeat(t.http, official.token, courseId, { clientId });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('consent-missing');
    expect(await seatsOf(clientId)).toEqual([]);
    expect(await seatsTaken(courseId)).toBe(before);
  });

  it('refuses a client whose consent was withdrawn', async () => {
    const clientId = await readyClient(t, official);
    await withdrawConsent(t.db, clientId, official.userId);
    const response = await bookSeat(t.http, official.token, courseId, { clientId });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('consent-missing');
  });

  it('refuses a full course with 409 course-full', async () => {
    const small = await publishCourse(t.http, provider.token, { seats: 1 });
    await seatFor(t.http, official.token, small.id, await readyClient(t, official));
    const clientId = await readyClient(t, official);
    const response = await bookSeat(t.http, official.token, small.id, { clientId });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('course-full');
    expect(await seatsOf(clientId)).toEqual([]);
    expect(await seatsTaken(small.id)).toBe(1);
  });

  it('refuses a second seat for the same client on the same course', async () => {
    const clientId = await readyClient(t, official);
    await seatFor(t.http, official.token, courseId, clientId);
    const before = await seatsTaken(courseId);
    const response = await bookSeat(t.http, official.token, courseId, { clientId });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('already-seated');
    expect(await seatsTaken(courseId)).toBe(before);
  });

  it('seats a client again once the earlier seat was cancelled', async () => {
    const clientId = await readyClient(t, official);
    const first = await seatFor(t.http, official.token, courseId, clientId);
    const cancel = await t.http
      .post(`/api/seats/${first}/cancel`)
      .set(bearer(official.token))
      .send({ date: daysFromToday(0), reason: 'Client asked' });
    expect(cancel.status).toBe(201);
    const again = await bookSeat(t.http, official.token, courseId, { clientId });
    expect(again.status).toBe(201);
  });

  describe('the level rule', () => {
    it('refuses a start level above the course range with 409 level-mismatch, naming the levels', async () => {
      const clientId = await readyClient(t, official, 'B1.1');
      const response = await bookSeat(t.http, official.token, courseId, { clientId });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'level-mismatch',
        details: { startLevel: 'B1.1', minLevel: 'A1.1', maxLevel: 'A2.1' },
      });
      expect(await seatsOf(clientId)).toEqual([]);
    });

    it('refuses a start level below the range (below-A1.1 sorts last as text, first as a level)', async () => {
      const clientId = await readyClient(t, official, 'below-A1.1');
      const response = await bookSeat(t.http, official.token, courseId, { clientId });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('level-mismatch');
    });

    it('seats the client anyway with an override reason, and records the reason', async () => {
      const clientId = await readyClient(t, official, 'B1.1');
      const reason = 'Speaks well but cannot yet write; teacher agreed';
      const response = await bookSeat(t.http, official.token, courseId, {
        clientId,
        levelOverrideReason: reason,
      });
      expect(response.status).toBe(201);
      expect(response.body.levelOverrideReason).toBe(reason);
      expect(await seatsOf(clientId)).toEqual([
        { status: 'reserved', level_override_reason: reason },
      ]);
      const [audit] = await t.db.query(
        `SELECT details FROM audit_events WHERE client_id = $1 AND action = 'seat.create'`,
        [clientId],
      );
      expect(audit.details).toMatchObject({ levelOverride: true });
    });

    it('records no override when the level fits', async () => {
      const clientId = await readyClient(t, official, 'A1.2');
      const response = await bookSeat(t.http, official.token, courseId, {
        clientId,
        levelOverrideReason: 'Just in case',
      });
      expect(response.status).toBe(201);
      expect(response.body.levelOverrideReason).toBeNull();
    });

    it('refuses a client with no result at all unless overridden', async () => {
      const clientId = await registerClient(t.http, official.token);
      await recordConsent(t.db, clientId, official.userId);
      const response = await bookSeat(t.http, official.token, courseId, { clientId });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'level-mismatch',
        details: { startLevel: null },
      });
    });

    it('uses the newest current result, ignoring older and superseded ones', async () => {
      const clientId = await registerClient(t.http, official.token);
      await recordConsent(t.db, clientId, official.userId);
      const hour = 3600_000;
      await recordResult(t.db, clientId, {
        startLevel: 'A1.2',
        enteredAt: new Date(Date.now() - 48 * hour),
      });
      await recordResult(t.db, clientId, {
        startLevel: 'B2.1',
        enteredAt: new Date(Date.now() - 24 * hour),
      });
      await recordResult(t.db, clientId, {
        startLevel: 'A1.3',
        enteredAt: new Date(Date.now() - 2 * hour),
        isCurrent: false,
      });
      const mismatch = await bookSeat(t.http, official.token, courseId, { clientId });
      expect(mismatch.body).toMatchObject({
        code: 'level-mismatch',
        details: { startLevel: 'B2.1' },
      });

      await recordResult(t.db, clientId, {
        startLevel: 'A2.1',
        enteredAt: new Date(Date.now() - hour),
      });
      const fits = await bookSeat(t.http, official.token, courseId, { clientId });
      expect(fits.status).toBe(201);
    });
  });

  it('refuses a course that has ended', async () => {
    const ended = await publishCourse(t.http, provider.token, {
      startsOn: daysFromToday(-100),
      endsOn: daysFromToday(-1),
    });
    const response = await bookSeat(t.http, official.token, ended.id, {
      clientId: await readyClient(t, official),
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('course-ended');
  });

  it('answers 404 for a client of another office, the same as for a course that does not exist', async () => {
    const other = await signIn(t.http, t.db, 'official');
    const foreignClient = await readyClient(t, other);
    const foreign = await bookSeat(t.http, official.token, courseId, { clientId: foreignClient });
    expect(foreign.status).toBe(404);
    expect(await seatsOf(foreignClient)).toEqual([]);
    const missing = await bookSeat(t.http, official.token, '00000000-0000-4000-8000-000000000000', {
      clientId: await readyClient(t, official),
    });
    expect(missing.status).toBe(404);
  });

  it('lets only officials (and admins) book', async () => {
    const clientId = await readyClient(t, official);
    for (const role of ['provider', 'tester', 'analyst'] as const) {
      const user = role === 'provider' ? provider : await signIn(t.http, t.db, role);
      const response = await bookSeat(t.http, user.token, courseId, { clientId });
      expect(response.status).toBe(403);
    }
    const admin = await signIn(t.http, t.db, 'admin');
    expect((await bookSeat(t.http, admin.token, courseId, { clientId })).status).toBe(201);
  });

  it('names a malformed clientId, an unknown field and a malformed course id', async () => {
    const response = await bookSeat(t.http, official.token, courseId, {
      clientId: 'nobody',
      vip: true,
    });
    expect(response.status).toBe(400);
    const fields = (response.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['clientId', 'vip']);
    const badId = await bookSeat(t.http, official.token, 'not-a-uuid', {
      clientId: await readyClient(t, official),
    });
    expect(badId.status).toBe(400);
    expect(badId.body.details).toEqual([{ field: 'id', problems: ['id must be a UUID'] }]);
  });

  it('answers a repeated Idempotency-Key with the first seat, booking once', async () => {
    const clientId = await readyClient(t, official);
    const send = () =>
      t.http
        .post(`/api/courses/${courseId}/seats`)
        .set(bearer(official.token))
        .set('Idempotency-Key', `seat-${clientId}`)
        .send({ clientId });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await seatsOf(clientId)).toHaveLength(1);
  });

  it('documents the booking with every conflict in the OpenAPI document', async () => {
    const response = await t.http.get('/api/docs/openapi.json');
    const post = response.body.paths['/api/courses/{id}/seats'].post;
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
    );
    const conflicts = post.responses['409'].description as string;
    for (const code of ['consent-missing', 'course-full', 'already-seated', 'level-mismatch']) {
      expect(conflicts).toContain(code);
    }
  });
});
