import request from 'supertest';
import { resultBody } from '../../support/queue';
import { book, moveSessionToPast } from '../../support/test-bookings';
import { bookSeat } from '../../support/courses';
import { outboxDrained } from '../support/event-checks';
import { type Call, send } from '../support/outcome';
import { runPool, seconds, waitFor } from '../support/pool';
import { cast, consentingClients, openCourse, openSession } from '../support/seed';
import type { Tally } from '../support/tally';
import type { FaultWorld } from '../support/world';

const BOOKINGS = 40;
const RESULTS = 40;
const REPORTS = 30;
const FLOW_LIMIT_MS = 60_000;

/**
 * With Redis down, test bookings, results and seat reports still succeed, their events wait
 * in the outbox, and once Redis is back the queue service applies them: a waiting-list
 * entry for every client whose result was entered.
 */
export async function redisOutage(world: FaultWorld, tally: Tally): Promise<void> {
  const who = await cast(world);
  const http = request(world.services.booking.url);
  const [toBook, tested, seated] = await Promise.all([
    consentingClients(world, who, BOOKINGS),
    consentingClients(world, who, RESULTS),
    consentingClients(world, who, REPORTS),
  ]);
  const bookingSession = await openSession(world, who, BOOKINGS);
  const pastSession = await openSession(world, who, RESULTS);
  const testBookingOf = new Map<string, string>();
  for (const clientId of tested) {
    testBookingOf.set(clientId, await book(http, who.official.token, pastSession, clientId));
  }
  await moveSessionToPast(world.db, pastSession, 2);
  const course = await openCourse(world, who, REPORTS);
  const seats: string[] = [];
  for (const clientId of seated) {
    const seat = await bookSeat(http, who.official.token, course.id, {
      clientId,
      levelOverrideReason: 'fault suite: no test result needed',
    });
    if (seat.status !== 201) throw new Error(`seat: ${seat.status} ${seat.text}`);
    seats.push((seat.body as { id: string }).id);
  }
  await waitFor('events before the outage consumed', () => outboxDrained(world.db), 60_000);
  const [{ lastEvent }] = await world.db.query(
    `SELECT coalesce(max(id), 0) AS "lastEvent" FROM outbox_events`,
  );

  await world.redis.stop();
  const today = new Date().toISOString().slice(0, 10);
  const calls: Array<{ call: Call; check: string }> = [
    ...toBook.map((clientId) => ({
      check: clientId,
      call: {
        method: 'POST' as const,
        url: world.url('booking', `/test-sessions/${bookingSession}/bookings`),
        token: who.official.token,
        body: { clientId },
        idempotencyKey: `faults-redis-${clientId}`,
      },
    })),
    ...tested.map((clientId) => ({
      check: clientId,
      call: {
        method: 'PUT' as const,
        url: world.url('booking', `/test-bookings/${testBookingOf.get(clientId)}/result`),
        token: who.tester.token,
        body: resultBody({ level: 'A1.2', pace: 'basic' }),
      },
    })),
    ...seats.map((seatId) => ({
      check: seatId,
      call: {
        method: 'POST' as const,
        url: world.url('booking', `/seats/${seatId}/start`),
        token: who.provider.token,
        body: { date: today },
        idempotencyKey: `faults-redis-start-${seatId}`,
      },
    })),
  ];
  const succeeded = new Set<string>();
  await runPool(calls, 4, async ({ call, check }) => {
    const outcome = await send(call);
    tally.record(outcome);
    if (outcome.kind === 'ok') succeeded.add(check);
  });
  if (succeeded.size < calls.length) {
    tally.fail(`${calls.length - succeeded.size} requests failed while Redis was down`);
  }

  // Give every relay at least one attempt at publishing (it retries every 2 s) first.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const [{ waiting, sent }] = await world.db.query(
    `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS waiting,
            count(*) FILTER (WHERE published_at IS NOT NULL)::int AS sent
       FROM outbox_events WHERE id > $1`,
    [lastEvent],
  );
  tally.note(`while Redis was down: ${waiting} events waiting in the outbox, ${sent} sent`);
  if (sent > 0) tally.fail(`${sent} events marked sent while Redis was down`);
  if (waiting < RESULTS + REPORTS) tally.fail(`only ${waiting} events in the outbox`);

  const back = Date.now();
  await world.redis.start();
  await waitFor('the outbox flowing again', () => outboxDrained(world.db), FLOW_LIMIT_MS);
  tally.note(`every event applied by the queue service ${seconds(back)} s after Redis returned`);

  await countEffects(world, tally, { toBook, tested, seats, succeeded });
}

async function countEffects(
  world: FaultWorld,
  tally: Tally,
  scope: { toBook: string[]; tested: string[]; seats: string[]; succeeded: Set<string> },
): Promise<void> {
  const ok = (ids: string[]) => ids.filter((id) => scope.succeeded.has(id));
  const [row] = await world.db.query(
    `SELECT
       (SELECT count(*) FROM unnest($1::uuid[]) c(id) WHERE NOT EXISTS (
          SELECT 1 FROM test_bookings b WHERE b.client_id = c.id AND b.status = 'booked'))::int
     + (SELECT count(*) FROM unnest($2::uuid[]) c(id) WHERE NOT EXISTS (
          SELECT 1 FROM waiting_list_entries e WHERE e.client_id = c.id AND e.status = 'waiting'))::int
     + (SELECT count(*) FROM unnest($3::uuid[]) s(id) WHERE NOT EXISTS (
          SELECT 1 FROM seats x WHERE x.id = s.id AND x.status = 'started'))::int AS lost,
       (SELECT count(*) FROM (SELECT client_id FROM test_bookings WHERE client_id = ANY($1)
          GROUP BY client_id HAVING count(*) > 1) d)::int
     + (SELECT count(*) FROM (SELECT client_id FROM waiting_list_entries
          WHERE client_id = ANY($2) GROUP BY client_id HAVING count(*) > 1) d)::int
     + (SELECT count(*) FROM (SELECT seat_id FROM seat_reports WHERE seat_id = ANY($3)
          AND kind = 'start' GROUP BY seat_id HAVING count(*) > 1) d)::int AS duplicated`,
    [ok(scope.toBook), ok(scope.tested), ok(scope.seats)],
  );
  tally.lost += row.lost;
  tally.duplicated += row.duplicated;
}
