import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { recordConsent } from './support/consents';
import { daysFromToday, publishCourse, seatFor } from './support/courses';
import { signIn } from './support/factories';
import { recordResult } from './support/results';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

type User = Awaited<ReturnType<typeof signIn>>;

describe("a client's path", () => {
  let t: TestApp;
  let official: User;
  let provider: User;
  let clientId: string;
  let resultId: string;
  let firstSeat: string;
  let secondSeat: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    official = await signIn(t.http, t.db, 'official');
    provider = await signIn(t.http, t.db, 'provider');
    clientId = await registerClient(t.http, official.token);
    await recordConsent(t.db, clientId, official.userId);
    ({ resultId } = await recordResult(t.db, clientId, { startLevel: 'A1.2', pace: 'basic' }));
    const [{ region_id: regionId }] = await t.db.query(
      `SELECT region_id FROM organisations WHERE id = $1`,
      [official.organisationId],
    );
    await t.db.query(
      `INSERT INTO waiting_list_entries (client_id, office_id, region_id, target_language, pace,
                                         start_level, waiting_since, result_at, result_id,
                                         status, ended_at, end_reason)
       VALUES ($1, $2, $3, 'fi', 'basic', 'A1.2', $4, now(), $5, 'placed', now(), 'seat booked')`,
      [clientId, official.organisationId, regionId, daysFromToday(-40), resultId],
    );
    const cancelled = await publishCourse(t.http, provider.token, {
      name: 'Cancelled course',
      startsOn: daysFromToday(10),
      endsOn: daysFromToday(100),
    });
    firstSeat = await seatFor(t.http, official.token, cancelled.id, clientId);
    await t.http
      .post(`/api/courses/${cancelled.id}/cancel`)
      .set(bearer(provider.token))
      .send({ reason: 'Teacher left' });
    const running = await publishCourse(t.http, provider.token, { name: 'Running course' });
    secondSeat = await seatFor(t.http, official.token, running.id, clientId);
    await t.http
      .post(`/api/seats/${secondSeat}/start`)
      .set(bearer(provider.token))
      .send({ date: daysFromToday(-2) });
    await t.http
      .post(`/api/seats/${secondSeat}/dropout`)
      .set(bearer(provider.token))
      .send({ date: daysFromToday(-1), reason: 'employment', text: 'Full-time job' });
  });
  afterAll(() => t.close());

  const path = (token: string, id = clientId) =>
    t.http.get(`/api/clients/${id}/path`).set(bearer(token));

  it('shows the office the tests and results, the queue entry, the seats and every report with who and when', async () => {
    const response = await path(official.token);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.client).toMatchObject({ id: clientId, firstName: 'Amina', lastName: 'Hassan' });
    expect(body.startLevel).toBe('A1.2');
    expect(body.consents).toEqual([
      expect.objectContaining({ method: 'written', withdrawnAt: null }),
    ]);
    expect(body.tests).toEqual([
      expect.objectContaining({
        kind: 'initial',
        status: 'attended',
        session: expect.objectContaining({ testCentreName: expect.any(String) }),
        results: [
          expect.objectContaining({
            id: resultId,
            startLevel: 'A1.2',
            pace: 'basic',
            isCurrent: true,
            enteredBy: expect.objectContaining({ displayName: 'Test tester' }),
          }),
        ],
      }),
    ]);
    expect(body.waitingList).toEqual([
      expect.objectContaining({
        status: 'placed',
        pace: 'basic',
        startLevel: 'A1.2',
        waitingSince: daysFromToday(-40),
      }),
    ]);

    expect(body.seats.map((seat: { id: string }) => seat.id)).toEqual([firstSeat, secondSeat]);
    const [cancelled, running] = body.seats;
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      bookedBy: { userId: official.userId, organisationId: official.organisationId },
      course: { name: 'Cancelled course', status: 'cancelled', cancelReason: 'Teacher left' },
      reports: [{ kind: 'cancel', text: 'Teacher left', reportedBy: { userId: provider.userId } }],
    });
    expect(running).toMatchObject({
      status: 'dropped-out',
      course: { name: 'Running course', status: 'published' },
    });
    expect(running.reports).toEqual([
      expect.objectContaining({
        kind: 'start',
        reportDate: daysFromToday(-2),
        reportedAt: expect.any(String),
        reportedBy: expect.objectContaining({
          userId: provider.userId,
          displayName: 'Test provider',
          organisationId: provider.organisationId,
          organisationName: expect.any(String),
        }),
      }),
      expect.objectContaining({
        kind: 'dropout',
        dropoutReason: 'employment',
        text: 'Full-time job',
        reportedBy: expect.objectContaining({ userId: provider.userId }),
      }),
    ]);
  });

  it('audits the read against the client', async () => {
    const response = await path(official.token);
    const rows = await t.db.query(
      `SELECT actor_user_id, request_id FROM audit_events
        WHERE client_id = $1 AND action = 'client-path.read' ORDER BY id DESC LIMIT 1`,
      [clientId],
    );
    expect(rows).toEqual([
      { actor_user_id: official.userId, request_id: response.headers['x-request-id'] },
    ]);
  });

  it('shows a client with nothing yet as empty lists', async () => {
    const fresh = await registerClient(t.http, official.token);
    const response = await path(official.token, fresh);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      consents: [],
      tests: [],
      startLevel: null,
      waitingList: [],
      seats: [],
    });
  });

  it('answers 404 to another office, as for a client that does not exist', async () => {
    const other = await signIn(t.http, t.db, 'official');
    const foreign = await path(other.token);
    const missing = await path(official.token, '00000000-0000-4000-8000-000000000000');
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('refuses providers, testers and analysts', async () => {
    expect((await path(provider.token)).status).toBe(403);
    for (const role of ['tester', 'analyst'] as const) {
      const user = await signIn(t.http, t.db, role);
      expect((await path(user.token)).status).toBe(403);
    }
  });

  it('names a malformed id', async () => {
    const response = await path(official.token, 'abc');
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'id', problems: ['id must be a UUID'] }]);
  });
});
