import { EVENT_TYPES } from '@kotoportti/platform';
import { BookingModule } from '../apps/booking/src/booking.module';
import {
  daysFromToday,
  outboxEvents,
  publishCourse,
  readyClient,
  seatFor,
} from './support/courses';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

type User = Awaited<ReturnType<typeof signIn>>;

describe('reports on seats', () => {
  let t: TestApp;
  let provider: User;
  let otherProvider: User;
  let official: User;
  let otherOfficial: User;
  let course: { id: string; startsOn: string };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    provider = await signIn(t.http, t.db, 'provider');
    otherProvider = await signIn(t.http, t.db, 'provider');
    official = await signIn(t.http, t.db, 'official');
    otherOfficial = await signIn(t.http, t.db, 'official');
    course = await publishCourse(t.http, provider.token, { seats: 40 });
  });
  afterAll(() => t.close());

  const newSeat = async (courseId = course.id) =>
    seatFor(t.http, official.token, courseId, await readyClient(t, official));
  const report = (token: string, seatId: string, action: string, body: Record<string, unknown>) =>
    t.http.post(`/api/seats/${seatId}/${action}`).set(bearer(token)).send(body);
  const yesterday = daysFromToday(-1);
  const seatRow = async (seatId: string) =>
    (
      await t.db.query(
        `SELECT s.status, c.seats_taken, (SELECT count(*)::int FROM seat_reports r WHERE r.seat_id = s.id) AS reports
           FROM seats s JOIN courses c ON c.id = s.course_id WHERE s.id = $1`,
        [seatId],
      )
    )[0] as { status: string; seats_taken: number; reports: number };
  const started = async () => {
    const seatId = await newSeat();
    expect((await report(provider.token, seatId, 'start', { date: course.startsOn })).status).toBe(
      201,
    );
    return seatId;
  };

  it('reports a start, stores who and when, emits seat.reported, and the office sees it at once', async () => {
    const seatId = await newSeat();
    const response = await report(provider.token, seatId, 'start', { date: yesterday });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      seatId,
      kind: 'start',
      reportDate: yesterday,
      reportedBy: provider.userId,
      seatStatus: 'started',
    });

    const seen = await t.http.get(`/api/seats/${seatId}`).set(bearer(official.token));
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('started');
    expect(seen.body.reports).toEqual([
      expect.objectContaining({
        kind: 'start',
        reportDate: yesterday,
        reportedAt: expect.any(String),
        reportedBy: expect.objectContaining({
          userId: provider.userId,
          displayName: 'Test provider',
          organisationId: provider.organisationId,
        }),
      }),
    ]);

    const [event] = await outboxEvents(t.db, EVENT_TYPES.seatReported, seatId);
    expect(event).toMatchObject({
      seatId,
      courseId: course.id,
      status: 'started',
      kind: 'start',
      reportId: response.body.id,
      reportDate: yesterday,
    });
    expect(await outboxEvents(t.db, EVENT_TYPES.seatReleased, seatId)).toEqual([]);
  });

  describe('the state machine', () => {
    it('refuses a dropout before the start, naming the current state', async () => {
      const seatId = await newSeat();
      const response = await report(provider.token, seatId, 'dropout', {
        date: yesterday,
        reason: 'health',
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'invalid-seat-state',
        details: { currentState: 'reserved' },
      });
      expect(response.body.message).toContain('reserved');
      expect(await seatRow(seatId)).toMatchObject({ status: 'reserved', reports: 0 });
    });

    it('refuses a completion after a dropout, naming dropped-out', async () => {
      const seatId = await started();
      await report(provider.token, seatId, 'dropout', { date: yesterday, reason: 'employment' });
      const response = await report(provider.token, seatId, 'complete', {
        date: yesterday,
        levels: { speaking: 'A2.1' },
      });
      expect(response.status).toBe(409);
      expect(response.body.details).toMatchObject({ currentState: 'dropped-out' });
    });

    it('refuses a second start, a cancel or no-show after the start, and a completion before it', async () => {
      const reserved = await newSeat();
      const early = await report(provider.token, reserved, 'complete', {
        date: yesterday,
        levels: { reading: 'A1.3' },
      });
      expect(early.body.details).toMatchObject({ currentState: 'reserved' });

      const seatId = await started();
      for (const action of ['start', 'cancel', 'no-show']) {
        const response = await report(provider.token, seatId, action, { date: yesterday });
        expect(response.status).toBe(409);
        expect(response.body.details).toMatchObject({ currentState: 'started' });
      }
    });

    it('refuses a follow-up plan while the seat is reserved or started', async () => {
      for (const seatId of [await newSeat(), await started()]) {
        const response = await report(provider.token, seatId, 'follow-up', {
          date: yesterday,
          outcome: 'employment',
        });
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('invalid-seat-state');
      }
    });

    it('completes with the levels reached, then takes a follow-up plan, keeping the place taken', async () => {
      const seatId = await started();
      const taken = (await seatRow(seatId)).seats_taken;
      const completion = await report(provider.token, seatId, 'complete', {
        date: yesterday,
        levels: { listening: 'A2.2', speaking: 'A2.1', reading: 'A2.2', writing: 'A1.3' },
      });
      expect(completion.status).toBe(201);
      expect(completion.body).toMatchObject({ kind: 'completion', seatStatus: 'completed' });
      const plan = await report(provider.token, seatId, 'follow-up', {
        date: daysFromToday(0),
        outcome: 'vocational-training',
        text: 'Applies to the practical nurse programme',
      });
      expect(plan.status).toBe(201);
      expect(plan.body).toMatchObject({
        kind: 'follow-up',
        outcome: 'vocational-training',
        seatStatus: 'completed',
      });
      expect(await seatRow(seatId)).toMatchObject({
        status: 'completed',
        seats_taken: taken,
        reports: 3,
      });
      const seen = await t.http.get(`/api/seats/${seatId}`).set(bearer(official.token));
      expect(seen.body.reports.map((r: { kind: string }) => r.kind)).toEqual([
        'start',
        'completion',
        'follow-up',
      ]);
      expect(seen.body.reports[1].levels).toEqual({
        listening: 'A2.2',
        speaking: 'A2.1',
        reading: 'A2.2',
        writing: 'A1.3',
      });
      expect(await outboxEvents(t.db, EVENT_TYPES.seatReported, seatId)).toHaveLength(3);
    });
  });

  describe('freeing places', () => {
    it('frees the place on a dropout and emits seat.released after the course start', async () => {
      const seatId = await started();
      const taken = (await seatRow(seatId)).seats_taken;
      const response = await report(provider.token, seatId, 'dropout', {
        date: yesterday,
        reason: 'moved-away',
        text: 'Moved to Tampere',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        dropoutReason: 'moved-away',
        seatStatus: 'dropped-out',
      });
      expect(await seatRow(seatId)).toMatchObject({
        status: 'dropped-out',
        seats_taken: taken - 1,
      });
      expect(await outboxEvents(t.db, EVENT_TYPES.seatReleased, seatId)).toEqual([
        expect.objectContaining({
          seatId,
          courseId: course.id,
          status: 'dropped-out',
          beforeCourseStart: false,
          reason: 'moved-away',
        }),
      ]);
    });

    it('frees the place on a no-show', async () => {
      const seatId = await newSeat();
      const taken = (await seatRow(seatId)).seats_taken;
      const response = await report(provider.token, seatId, 'no-show', { date: course.startsOn });
      expect(response.status).toBe(201);
      expect(await seatRow(seatId)).toMatchObject({ status: 'no-show', seats_taken: taken - 1 });
      expect(await outboxEvents(t.db, EVENT_TYPES.seatReleased, seatId)).toHaveLength(1);
    });

    it('lets the client’s office cancel a reserved seat before the course starts, freeing the place', async () => {
      const future = await publishCourse(t.http, provider.token, {
        startsOn: daysFromToday(30),
        endsOn: daysFromToday(200),
      });
      const seatId = await newSeat(future.id);
      const response = await report(official.token, seatId, 'cancel', {
        date: daysFromToday(0),
        reason: 'Found a job',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        kind: 'cancel',
        text: 'Found a job',
        seatStatus: 'cancelled',
      });
      expect(await seatRow(seatId)).toMatchObject({ status: 'cancelled', seats_taken: 0 });
      expect(await outboxEvents(t.db, EVENT_TYPES.seatReleased, seatId)).toEqual([
        expect.objectContaining({ status: 'cancelled', beforeCourseStart: true, reason: 'cancel' }),
      ]);
      const again = await report(official.token, seatId, 'cancel', { date: daysFromToday(0) });
      expect(again.status).toBe(409);
      expect(again.body.details).toMatchObject({ currentState: 'cancelled' });
    });

    it('lets the provider cancel a reserved seat too', async () => {
      const seatId = await newSeat();
      const response = await report(provider.token, seatId, 'cancel', { date: yesterday });
      expect(response.status).toBe(201);
    });
  });

  describe('dates and fields', () => {
    it('refuses report dates before the course starts, naming date and storing nothing', async () => {
      const seatId = await newSeat();
      const before = daysFromToday(-31);
      for (const [action, body] of [
        ['start', {}],
        ['no-show', {}],
      ] as const) {
        const response = await report(provider.token, seatId, action, { date: before, ...body });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([
          { field: 'date', problems: [expect.stringContaining(course.startsOn)] },
        ]);
      }
      expect(await seatRow(seatId)).toMatchObject({ status: 'reserved', reports: 0 });
      const startedSeat = await started();
      const dropout = await report(provider.token, startedSeat, 'dropout', {
        date: before,
        reason: 'health',
      });
      expect(dropout.status).toBe(400);
      expect(await seatRow(startedSeat)).toMatchObject({ status: 'started', reports: 1 });
    });

    it('refuses a dropout or completion dated before the seat started', async () => {
      const seatId = await newSeat();
      await report(provider.token, seatId, 'start', { date: daysFromToday(-5) });
      const response = await report(provider.token, seatId, 'complete', {
        date: daysFromToday(-6),
        levels: { speaking: 'A2.1' },
      });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('date');
    });

    it('refuses a start or no-show after the course’s last day, naming date and storing nothing', async () => {
      const ended = await publishCourse(t.http, provider.token);
      const seatId = await newSeat(ended.id);
      // The seat was booked while the course ran; the course has since ended.
      await t.db.query(`UPDATE courses SET starts_on = $2, ends_on = $3 WHERE id = $1`, [
        ended.id,
        daysFromToday(-60),
        daysFromToday(-10),
      ]);
      for (const action of ['start', 'no-show']) {
        const response = await report(provider.token, seatId, action, { date: daysFromToday(-5) });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([
          { field: 'date', problems: [expect.stringContaining(daysFromToday(-10))] },
        ]);
      }
      expect(await seatRow(seatId)).toMatchObject({ status: 'reserved', reports: 0 });
    });

    it('refuses a follow-up plan dated before the seat ended', async () => {
      const seatId = await newSeat();
      await report(provider.token, seatId, 'start', { date: daysFromToday(-5) });
      await report(provider.token, seatId, 'dropout', {
        date: daysFromToday(-2),
        reason: 'health',
      });
      const response = await report(provider.token, seatId, 'follow-up', {
        date: daysFromToday(-3),
        outcome: 'vocational-training',
      });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('date');
      expect(await seatRow(seatId)).toMatchObject({ status: 'dropped-out', reports: 2 });
    });

    it('refuses dates in the future and days that do not exist', async () => {
      const seatId = await newSeat();
      const future = await report(provider.token, seatId, 'start', { date: daysFromToday(3) });
      expect(future.status).toBe(400);
      expect(future.body.details[0].problems[0]).toContain('future');
      const impossible = await report(provider.token, seatId, 'start', { date: '2026-02-30' });
      expect(impossible.status).toBe(400);
      expect(await seatRow(seatId)).toMatchObject({ status: 'reserved', reports: 0 });
    });

    it('needs a dropout reason from the code list, levels for a completion and an outcome for a plan', async () => {
      const seatId = await started();
      const fields = async (action: string, body: Record<string, unknown>) => {
        const response = await report(provider.token, seatId, action, { date: yesterday, ...body });
        expect(response.status).toBe(400);
        return (response.body.details as Array<{ field: string }>).map((d) => d.field).sort();
      };
      expect(await fields('dropout', {})).toEqual(['reason']);
      expect(await fields('dropout', { reason: 'bored' })).toEqual(['reason']);
      expect(await fields('complete', {})).toEqual(['levels']);
      expect(await fields('complete', { levels: {} })).toEqual(['levels']);
      expect(await fields('complete', { levels: { speaking: 'A9', singing: 'A1.1' } })).toEqual([
        'levels.singing',
        'levels.speaking',
      ]);
      expect(await fields('follow-up', { outcome: 'lottery' })).toEqual(['outcome']);
      expect(await fields('start', { date: undefined, levels: { speaking: 'A1.1' } })).toEqual([
        'date',
        'levels',
      ]);
      expect(await seatRow(seatId)).toMatchObject({ status: 'started', reports: 1 });
    });
  });

  describe('who may report', () => {
    it('answers 404 to another provider, for reports and for reading the seat', async () => {
      const seatId = await newSeat();
      const foreign = await report(otherProvider.token, seatId, 'start', { date: yesterday });
      expect(foreign.status).toBe(404);
      const read = await t.http.get(`/api/seats/${seatId}`).set(bearer(otherProvider.token));
      expect(read.status).toBe(404);
      expect(await seatRow(seatId)).toMatchObject({ status: 'reserved', reports: 0 });
    });

    it('answers 404 to an official of another office, for cancelling and for reading', async () => {
      const seatId = await newSeat();
      const cancel = await report(otherOfficial.token, seatId, 'cancel', { date: yesterday });
      expect(cancel.status).toBe(404);
      const read = await t.http.get(`/api/seats/${seatId}`).set(bearer(otherOfficial.token));
      expect(read.status).toBe(404);
    });

    it('lets officials only cancel: start, dropout, completion, no-show and plans are the provider’s', async () => {
      const seatId = await newSeat();
      for (const action of ['start', 'dropout', 'complete', 'follow-up', 'no-show']) {
        const response = await report(official.token, seatId, action, { date: yesterday });
        expect(response.status).toBe(403);
      }
    });

    it('refuses testers and analysts altogether', async () => {
      const seatId = await newSeat();
      for (const role of ['tester', 'analyst'] as const) {
        const user = await signIn(t.http, t.db, role);
        expect((await report(user.token, seatId, 'cancel', { date: yesterday })).status).toBe(403);
        expect((await t.http.get(`/api/seats/${seatId}`).set(bearer(user.token))).status).toBe(403);
      }
    });

    it('audits each report and each read of a seat against the client', async () => {
      const seatId = await newSeat();
      await report(provider.token, seatId, 'start', { date: yesterday });
      await t.http.get(`/api/seats/${seatId}`).set(bearer(provider.token));
      const rows = await t.db.query(
        `SELECT actor_user_id, action FROM audit_events
          WHERE entity_id = $1 AND client_id = (SELECT client_id FROM seats WHERE id = $1::uuid)
          ORDER BY id`,
        [seatId],
      );
      expect(rows).toEqual([
        { actor_user_id: official.userId, action: 'seat.create' },
        { actor_user_id: provider.userId, action: 'seat.start' },
        { actor_user_id: provider.userId, action: 'seat.read' },
      ]);
    });
  });

  describe('participants', () => {
    it('shows the provider the clients holding a seat on its own course, with their reports, and audits it', async () => {
      const own = await publishCourse(t.http, provider.token, { seats: 5 });
      const kept = await newSeat(own.id);
      const cancelled = await newSeat(own.id);
      await report(provider.token, kept, 'start', { date: yesterday });
      await report(official.token, cancelled, 'cancel', { date: yesterday });

      const response = await t.http
        .get(`/api/courses/${own.id}/participants`)
        .set(bearer(provider.token));
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        expect.objectContaining({
          seatId: kept,
          status: 'started',
          client: expect.objectContaining({ firstName: 'Amina', lastName: 'Hassan' }),
          reports: [expect.objectContaining({ kind: 'start' })],
        }),
      ]);
      expect(response.body[0].client).not.toHaveProperty('personalIdentityCode');
      const [audit] = await t.db.query(
        `SELECT actor_user_id, client_id FROM audit_events WHERE entity_id = $1 AND action = 'seat.read'`,
        [kept],
      );
      expect(audit).toEqual({
        actor_user_id: provider.userId,
        client_id: response.body[0].client.id,
      });
    });

    it('answers 404 to another provider and 403 to an official', async () => {
      const foreign = await t.http
        .get(`/api/courses/${course.id}/participants`)
        .set(bearer(otherProvider.token));
      expect(foreign.status).toBe(404);
      const office = await t.http
        .get(`/api/courses/${course.id}/participants`)
        .set(bearer(official.token));
      expect(office.status).toBe(403);
    });
  });

  describe('after the client withdraws consent', () => {
    it('leaves the client out for the provider, answers 404 to reads and reports, and keeps the seat with the office', async () => {
      const own = await publishCourse(t.http, provider.token, { seats: 5 });
      const keptClient = await readyClient(t, official);
      const kept = await seatFor(t.http, official.token, own.id, keptClient);
      const leavingClient = await readyClient(t, official);
      const leaving = await seatFor(t.http, official.token, own.id, leavingClient);
      expect((await report(provider.token, leaving, 'start', { date: yesterday })).status).toBe(
        201,
      );
      const participants = () =>
        t.http.get(`/api/courses/${own.id}/participants`).set(bearer(provider.token));
      expect((await participants()).body.map((p: { seatId: string }) => p.seatId).sort()).toEqual(
        [kept, leaving].sort(),
      );

      const withdrawn = await t.http
        .delete(`/api/clients/${leavingClient}/consents`)
        .set(bearer(official.token));
      expect(withdrawn.status).toBe(200);

      const list = await participants();
      expect(list.status).toBe(200);
      expect(list.body.map((p: { seatId: string }) => p.seatId)).toEqual([kept]);
      expect(JSON.stringify(list.body)).not.toContain(leavingClient);

      const read = await t.http.get(`/api/seats/${leaving}`).set(bearer(provider.token));
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain(leavingClient);
      for (const [action, body] of [
        ['dropout', { reason: 'health' }],
        ['complete', { levels: { speaking: 'A2.1' } }],
      ] as const) {
        const refused = await report(provider.token, leaving, action, { date: yesterday, ...body });
        expect(refused.status).toBe(404);
      }
      expect(await seatRow(leaving)).toMatchObject({ status: 'started', reports: 1 });

      const office = await t.http.get(`/api/seats/${leaving}`).set(bearer(official.token));
      expect(office.status).toBe(200);
      expect(office.body).toMatchObject({
        status: 'started',
        client: { id: leavingClient, firstName: 'Amina', lastName: 'Hassan' },
        reports: [expect.objectContaining({ kind: 'start', reportedBy: expect.anything() })],
      });
      const reads = await t.db.query(
        `SELECT actor_user_id, entity_id FROM audit_events
          WHERE action = 'seat.read' AND client_id = $1 ORDER BY id`,
        [leavingClient],
      );
      expect(reads.at(-1)).toEqual({ actor_user_id: official.userId, entity_id: leaving });
      expect(
        reads.filter((r: { actor_user_id: string }) => r.actor_user_id === provider.userId),
      ).toHaveLength(1);
    });

    it('refuses the provider’s cancellation of a reserved seat but lets the office cancel it', async () => {
      const own = await publishCourse(t.http, provider.token, {
        startsOn: daysFromToday(30),
        endsOn: daysFromToday(200),
      });
      const clientId = await readyClient(t, official);
      const seatId = await seatFor(t.http, official.token, own.id, clientId);
      await t.http.delete(`/api/clients/${clientId}/consents`).set(bearer(official.token));

      const byProvider = await report(provider.token, seatId, 'cancel', { date: daysFromToday(0) });
      expect(byProvider.status).toBe(404);
      expect(await seatRow(seatId)).toMatchObject({ status: 'reserved', reports: 0 });
      const byOffice = await report(official.token, seatId, 'cancel', { date: daysFromToday(0) });
      expect(byOffice.status).toBe(201);
      expect(await seatRow(seatId)).toMatchObject({ status: 'cancelled', reports: 1 });
    });
  });

  it('documents every seat endpoint with its errors in the OpenAPI document', async () => {
    const paths = (await t.http.get('/api/docs/openapi.json')).body.paths;
    for (const action of ['cancel', 'start', 'dropout', 'complete', 'follow-up', 'no-show']) {
      const responses = paths[`/api/seats/{id}/${action}`].post.responses;
      expect(Object.keys(responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
      );
      expect(responses['409'].description).toContain('invalid-seat-state');
    }
    expect(Object.keys(paths['/api/seats/{id}'].get.responses)).toContain('404');
    expect(Object.keys(paths['/api/courses/{id}/participants'].get.responses)).toContain('404');
  });
});
