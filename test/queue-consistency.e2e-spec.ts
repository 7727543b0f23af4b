import { LEVELS, PACES, type Level, type Pace } from '@kotoportti/model';
import { type DomainEventJob, type OutboxRow, toDomainEventJob } from '@kotoportti/platform';
import { BookingModule } from '../apps/booking/src/booking.module';
import { RECOMPUTE_SQL } from '../apps/queue/src/entries/recompute.sql';
import { DomainEventConsumer } from '../apps/queue/src/events/domain-event-consumer';
import { DomainEventsProcessor } from '../apps/queue/src/events/domain-events.processor';
import { QueueModule } from '../apps/queue/src/queue.module';
import { daysFromToday, publishCourse } from './support/courses';
import { signIn } from './support/factories';
import { resultBody, settle, type User } from './support/queue';
import { startTestApp, TestApp } from './support/test-app';
import {
  bearer,
  createSession,
  moveSessionToPast,
  seedClientsWithConsent,
} from './support/test-bookings';

const OPERATIONS = 2000;
const CLIENTS = 160;
const SEED = Number(process.env.QUEUE_CONSISTENCY_SEED ?? 20261123);
/**
 * 2,000 operations through HTTP take about a minute on an idle two-core machine, and took
 * 3½ minutes at a load average of 20 on the shared one; a timeout mid-run leaves the loop
 * running into the next test, which then compares a world still changing.
 */
const TIMEOUT_MS = 600_000;

/** A small seeded generator (mulberry32), so a failing sequence can be replayed by its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, pick };
}

interface Booking {
  id: string;
  clientId: string;
  sessionId: string;
  resulted: boolean;
}
interface Seat {
  id: string;
  courseId: string;
  status: 'reserved' | 'started' | 'ended';
}

/** Compares the live entries with the from-scratch recomputation, client by client. */
async function compare(t: TestApp) {
  const expected: Array<Record<string, unknown>> = await t.db.query(
    `SELECT client_id, status, office_id, region_id,
            CASE WHEN status = 'waiting' THEN target_language END AS target_language,
            CASE WHEN status = 'waiting' THEN pace END AS pace,
            CASE WHEN status = 'waiting' THEN start_level END AS start_level,
            CASE WHEN status = 'waiting' THEN waiting_since END AS waiting_since,
            CASE WHEN status = 'waiting' THEN result_at END AS result_at
       FROM (${RECOMPUTE_SQL}) truth ORDER BY client_id`,
    ['return'],
  );
  const actual: Array<Record<string, unknown>> = await t.db.query(
    `SELECT client_id, status, office_id, region_id,
            CASE WHEN status = 'waiting' THEN target_language END AS target_language,
            CASE WHEN status = 'waiting' THEN pace END AS pace,
            CASE WHEN status = 'waiting' THEN start_level END AS start_level,
            CASE WHEN status = 'waiting' THEN waiting_since END AS waiting_since,
            CASE WHEN status = 'waiting' THEN result_at END AS result_at
       FROM (SELECT DISTINCT ON (client_id) * FROM waiting_list_entries
              ORDER BY client_id, created_at DESC, id DESC) live
      ORDER BY client_id`,
  );
  return { expected, actual };
}

describe('the waiting lists against a from-scratch recomputation', () => {
  let t: TestApp;
  let official: User;
  let tester: User;
  let provider: User;
  const { next, pick } = random(SEED);
  const counts: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule]);
    official = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
    provider = await signIn(t.http, t.db, 'provider');
  });
  afterAll(() => t.close());

  it(
    `agrees after ${OPERATIONS} random bookings, results, corrections, seat bookings and releases (seed ${SEED})`,
    async () => {
      const clients = await seedClientsWithConsent(
        t.db,
        official.organisationId!,
        official.userId,
        CLIENTS,
      );
      const courses: Array<{ id: string; startsOn: string; started: boolean }> = [];
      for (const pace of PACES) {
        for (const started of [false, true]) {
          const startsOn = daysFromToday(started ? -20 : 20);
          const course = await publishCourse(t.http, provider.token, {
            pace,
            seats: 40,
            minLevel: 'below-A1.1',
            maxLevel: 'B1.2',
            startsOn,
            endsOn: daysFromToday(200),
          });
          courses.push({ id: course.id, startsOn, started });
        }
      }

      const bookings: Booking[] = [];
      const seats: Seat[] = [];
      const activeBooking = new Set<string>();
      const resulted = new Set<string>();
      const moved = new Set<string>();
      let openSession = { id: '', bookings: 0 };

      const book = async () => {
        const clientId = pick(clients);
        if (activeBooking.has(clientId)) return false;
        if (!openSession.id || openSession.bookings >= 15 || moved.has(openSession.id)) {
          openSession = {
            id: await createSession(t.http, tester.token, { kind: 'initial', capacity: 100 }),
            bookings: 0,
          };
        }
        const response = await t.http
          .post(`/api/test-sessions/${openSession.id}/bookings`)
          .set(bearer(official.token))
          .send({ clientId });
        if (response.status !== 201) return false;
        openSession.bookings += 1;
        activeBooking.add(clientId);
        bookings.push({
          id: response.body.id,
          clientId,
          sessionId: openSession.id,
          resulted: false,
        });
        return true;
      };
      const result = async (correcting: boolean) => {
        const candidates = bookings.filter((booking) => booking.resulted === correcting);
        if (candidates.length === 0) return false;
        const booking = pick(candidates);
        if (!moved.has(booking.sessionId)) {
          await moveSessionToPast(t.db, booking.sessionId, 1 + Math.floor(next() * 90));
          moved.add(booking.sessionId);
        }
        const level: Level = pick(LEVELS.slice(0, 8));
        const pace: Pace = pick(PACES);
        const response = await t.http
          .put(`/api/test-bookings/${booking.id}/result`)
          .set(bearer(tester.token))
          .send(resultBody({ level, pace }));
        expect([200, 201]).toContain(response.status);
        booking.resulted = true;
        activeBooking.delete(booking.clientId);
        resulted.add(booking.clientId);
        return true;
      };
      const seat = async () => {
        if (resulted.size === 0) return false;
        const clientId = pick([...resulted]);
        const course = pick(courses);
        const response = await t.http
          .post(`/api/courses/${course.id}/seats`)
          .set(bearer(official.token))
          .send({ clientId, levelOverrideReason: 'Consistency test' });
        if (response.status !== 201) return false;
        seats.push({ id: response.body.id, courseId: course.id, status: 'reserved' });
        return true;
      };
      const release = async () => {
        const live = seats.filter((s) => s.status !== 'ended');
        if (live.length === 0) return false;
        const chosen = pick(live);
        const course = courses.find((c) => c.id === chosen.courseId)!;
        const roll = next();
        let path: string;
        let body: Record<string, unknown>;
        let token = provider.token;
        if (chosen.status === 'started') {
          path = 'dropout';
          body = { date: daysFromToday(0), reason: 'health' };
        } else if (course.started && roll < 0.3) {
          path = 'start';
          body = { date: course.startsOn };
        } else if (course.started && roll < 0.5) {
          path = 'no-show';
          body = { date: course.startsOn };
        } else {
          path = 'cancel';
          body = { date: daysFromToday(0), reason: 'Plans changed' };
          token = official.token;
        }
        const response = await t.http
          .post(`/api/seats/${chosen.id}/${path}`)
          .set(bearer(token))
          .send(body);
        expect(response.status).toBe(201);
        chosen.status = path === 'start' ? 'started' : 'ended';
        return true;
      };

      const operations: Array<[string, number, () => Promise<boolean>]> = [
        ['booking', 0.3, book],
        ['result', 0.25, () => result(false)],
        ['correction', 0.1, () => result(true)],
        ['seat booking', 0.2, seat],
        ['release', 0.15, release],
      ];
      for (let done = 0; done < OPERATIONS;) {
        let roll = next();
        const [name, , run] =
          operations.find(([, weight]) => (roll -= weight) < 0) ?? operations[0];
        if (await run()) {
          done += 1;
          counts[name] = (counts[name] ?? 0) + 1;
        }
      }
      await settle(t, 60_000);

      const { expected, actual } = await compare(t);
      expect(expected.length).toBeGreaterThan(CLIENTS / 2);
      expect(actual).toEqual(expected);
      // Every kind of operation took part, and the lists are not trivially empty or all placed.
      expect(Object.keys(counts).sort()).toEqual(operations.map(([name]) => name).sort());
      const statuses = new Set(expected.map((row) => row.status));
      expect(statuses).toEqual(new Set(['waiting', 'placed']));
    },
    TIMEOUT_MS,
  );

  /** Forgets everything the queue service did, then delivers every outbox event anew. */
  async function redeliver(deliver: (jobs: DomainEventJob[]) => Promise<number>) {
    const worker = t.app.get(DomainEventsProcessor).worker;
    await worker.pause();
    try {
      await t.db.query(`DELETE FROM seat_offers`);
      await t.db.query(`DELETE FROM waiting_list_entries`);
      await t.db.query(`DELETE FROM consumed_events WHERE consumer = 'queue'`);
      const rows: OutboxRow[] = await t.db.query(`SELECT * FROM outbox_events ORDER BY id`);
      const jobs: DomainEventJob[] = rows.map(toDomainEventJob);
      const deliveries = [...jobs, ...jobs.filter(() => next() < 0.1)];
      for (let i = deliveries.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
      }
      expect(await deliver(deliveries)).toBe(jobs.length);
      const { expected, actual } = await compare(t);
      expect(actual).toEqual(expected);
    } finally {
      await worker.resume();
    }
  }

  it(
    'agrees again when every event is delivered anew in a shuffled order, some of them twice',
    () =>
      redeliver(async (deliveries) => {
        const consumer = t.app.get(DomainEventConsumer);
        // Eight at a time, like many workers, so that events of one client also race.
        let applied = 0;
        for (let i = 0; i < deliveries.length; i += 8) {
          const results = await Promise.all(
            deliveries.slice(i, i + 8).map((job) => consumer.apply(job)),
          );
          applied += results.filter(Boolean).length;
        }
        return applied;
      }),
    TIMEOUT_MS,
  );

  it(
    'agrees again when the shuffled events come in batches, with duplicates within and across batches, two batches at once',
    () =>
      redeliver(async (deliveries) => {
        const consumer = t.app.get(DomainEventConsumer);
        const batches: DomainEventJob[][] = [];
        for (let i = 0; i < deliveries.length; i += 60) {
          const batch = deliveries.slice(i, i + 60);
          // A repeat inside the batch itself, as a relay publishing a row twice could cause.
          batches.push([...batch, ...batch.filter(() => next() < 0.05)]);
        }
        let applied = 0;
        for (let i = 0; i < batches.length; i += 2) {
          const counts = await Promise.all(
            batches.slice(i, i + 2).map((batch) => consumer.applyBatch(batch)),
          );
          applied += counts.reduce((sum, count) => sum + count, 0);
        }
        return applied;
      }),
    TIMEOUT_MS,
  );
});
