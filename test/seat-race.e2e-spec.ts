import type { AddressInfo } from 'node:net';
import { BookingModule } from '../apps/booking/src/booking.module';
import { publishCourse, seatFor } from './support/courses';
import { signIn } from './support/factories';
import { recordResults } from './support/results';
import { startTestApp, TestApp } from './support/test-app';
import { seedClientsWithConsent } from './support/test-bookings';

type User = Awaited<ReturnType<typeof signIn>>;

/**
 * Bookings and cancellations fired all at once through a real listening HTTP server, so the
 * requests really overlap in the database and only its locks and constraints keep order.
 */
describe('racing for seats', () => {
  let t: TestApp;
  let baseUrl: string;
  let provider: User;
  let official: User;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await signIn(t.http, t.db, 'provider');
    official = await signIn(t.http, t.db, 'official');
  });
  afterAll(() => t.close());

  const readyClients = async (count: number) => {
    const ids = await seedClientsWithConsent(
      t.db,
      official.organisationId!,
      official.userId,
      count,
    );
    await recordResults(t.db, ids, { startLevel: 'A1.2' });
    return ids;
  };
  const post = async (path: string, body: object) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${official.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { code?: string } };
  };
  const book = (courseId: string, clientId: string) =>
    post(`/api/courses/${courseId}/seats`, { clientId });
  const ledger = async (courseId: string) =>
    (
      await t.db.query(
        `SELECT c.seats, c.seats_taken AS taken,
                (SELECT count(*)::int FROM seats s
                  WHERE s.course_id = c.id AND s.status IN ('reserved', 'started', 'completed')) AS holding
           FROM courses c WHERE c.id = $1`,
        [courseId],
      )
    )[0] as { seats: number; taken: number; holding: number };
  const tally = (answers: Array<{ status: number; body: { code?: string } }>) => {
    const counts: Record<string, number> = {};
    for (const { status, body } of answers) {
      const key = status === 201 ? '201' : `${status} ${body.code}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };

  it('gives a 16-seat course exactly 16 of 200 simultaneous bookings; the rest are 409 course-full', async () => {
    const course = await publishCourse(t.http, provider.token, { seats: 16 });
    const clients = await readyClients(200);

    const answers = await Promise.all(clients.map((clientId) => book(course.id, clientId)));

    expect(tally(answers)).toEqual({ '201': 16, '409 course-full': 184 });
    expect(await ledger(course.id)).toEqual({ seats: 16, taken: 16, holding: 16 });
    const events = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events
        WHERE type = 'seat.booked' AND payload->>'courseId' = $1`,
      [course.id],
    );
    expect(events[0].n).toBe(16);
  });

  it('never lets cancellations racing with bookings leave more seats taken than exist', async () => {
    const course = await publishCourse(t.http, provider.token, { seats: 16 });
    const holders = await readyClients(16);
    const seats = [];
    for (const clientId of holders)
      seats.push(await seatFor(t.http, official.token, course.id, clientId));
    const newcomers = await readyClients(120);
    const today = new Date().toISOString().slice(0, 10);

    const cancels = seats
      .slice(0, 8)
      .map((seatId) => post(`/api/seats/${seatId}/cancel`, { date: today, reason: 'Moved away' }));
    const bookings = newcomers.map((clientId) => book(course.id, clientId));
    const [cancelAnswers, bookingAnswers] = await Promise.all([
      Promise.all(cancels),
      Promise.all(bookings),
    ]);

    expect(tally(cancelAnswers)).toEqual({ '201': 8 });
    const booked = tally(bookingAnswers);
    expect(Object.keys(booked).every((key) => key === '201' || key === '409 course-full')).toBe(
      true,
    );
    expect(booked['201'] ?? 0).toBeLessThanOrEqual(8);
    const after = await ledger(course.id);
    expect(after.taken).toBeLessThanOrEqual(after.seats);
    expect(after.taken).toBe(after.holding);
    expect(after.taken).toBe(8 + (booked['201'] ?? 0));
  });

  it('seats one client once when the same booking is sent twenty times at once', async () => {
    const course = await publishCourse(t.http, provider.token, { seats: 16 });
    const [clientId] = await readyClients(1);

    const answers = await Promise.all(Array.from({ length: 20 }, () => book(course.id, clientId)));

    expect(tally(answers)).toEqual({ '201': 1, '409 already-seated': 19 });
    expect(await ledger(course.id)).toEqual({ seats: 16, taken: 1, holding: 1 });
  });

  it('keeps the count right when a provider lowers the seats while bookings race', async () => {
    const course = await publishCourse(t.http, provider.token, { seats: 30 });
    const clients = await readyClients(60);
    const lower = fetch(`${baseUrl}/api/courses/${course.id}/seats`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${provider.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ seats: 10 }),
    });
    const answers = await Promise.all(clients.map((clientId) => book(course.id, clientId)));
    const lowered = await lower;

    const after = await ledger(course.id);
    expect(after.taken).toBe(after.holding);
    expect(after.taken).toBeLessThanOrEqual(after.seats);
    expect(answers.every(({ status }) => status === 201 || status === 409)).toBe(true);
    // Either the lowering came first and capped the bookings at 10, or it came too late.
    if (lowered.status === 200) expect(after).toMatchObject({ seats: 10, taken: 10 });
    else expect(after).toMatchObject({ seats: 30, taken: 30 });
  });
});
