import { resultBody } from '../../support/queue';
import { moveSessionToPast } from '../../support/test-bookings';
import { disagreeingClients, doublyApplied, outboxDrained } from '../support/event-checks';
import { type Call, send } from '../support/outcome';
import { runPool, seconds, waitFor } from '../support/pool';
import { cast, type Cast, consentingClients, openCourse, openSession } from '../support/seed';
import type { Tally } from '../support/tally';
import type { FaultWorld } from '../support/world';

const CLIENTS = 100;
const SEATED = 40;
const CANCELLED = 15;

/**
 * The queue service killed with SIGKILL while it works through a stream of events (results,
 * seats booked, seats cancelled), then started again: every event is applied exactly once,
 * so the waiting lists equal a recomputation from scratch.
 */
export async function queueKill(world: FaultWorld, tally: Tally): Promise<void> {
  const who = await cast(world);
  const clientIds = await consentingClients(world, who, CLIENTS);
  const bookingIds = await pastBookings(world, who, clientIds);
  const course = await openCourse(world, who, SEATED, true);
  const [{ lastEvent }] = await world.db.query(
    `SELECT coalesce(max(id), 0) AS "lastEvent" FROM outbox_events`,
  );

  // The stream builds up while the queue service is down, so that the kill comes mid-stream.
  await world.services.queue.kill();
  const results: Call[] = bookingIds.map((bookingId) => ({
    method: 'PUT',
    url: world.url('booking', `/test-bookings/${bookingId}/result`),
    token: who.tester.token,
    body: resultBody({ level: 'A1.2', pace: 'basic' }),
  }));
  const seatIds = await sendAll(results, tally).then(() =>
    bookSeats(world, who, course.id, clientIds.slice(0, SEATED), tally),
  );
  const cancels: Call[] = seatIds.slice(0, CANCELLED).map((seatId) => ({
    method: 'POST',
    url: world.url('booking', `/seats/${seatId}/cancel`),
    token: who.official.token,
    body: { date: new Date().toISOString().slice(0, 10), reason: 'fault suite' },
    idempotencyKey: `faults-cancel-${seatId}`,
  }));
  await sendAll(cancels, tally);
  const [{ events }] = await world.db.query(
    `SELECT count(*)::int AS events FROM outbox_events WHERE id > $1`,
    [lastEvent],
  );

  await world.services.queue.start();
  const consumed = () => consumedSince(world, lastEvent);
  const atKill = await waitFor(
    'the queue service under way',
    async () => ((await consumed()) >= events / 4 ? consumed() : undefined),
    120_000,
  );
  await world.services.queue.kill();
  tally.note(`${events} events; queue service killed after applying ${atKill}`);
  if (atKill >= events) tally.fail('the kill came after the stream had ended; not mid-stream');

  const restarted = Date.now();
  await world.services.queue.start();
  const startedIn = seconds(restarted);
  await waitFor('every event applied', () => outboxDrained(world.db), 120_000);
  tally.note(`restarted in ${startedIn} s; all applied ${seconds(restarted)} s after the kill`);

  const disagreeing = await disagreeingClients(world.db, clientIds);
  if (disagreeing.length > 0) {
    tally.fail(`${disagreeing.length} clients' entries differ from the recomputation`);
  }
  tally.lost += await unplaced(world, clientIds, seatIds);
  tally.duplicated += await doublyApplied(world.db, clientIds);
}

async function pastBookings(world: FaultWorld, who: Cast, clientIds: string[]) {
  const sessionId = await openSession(world, who, clientIds.length);
  const rows: Array<{ id: string }> = await world.db.query(
    `WITH taken AS (
       UPDATE test_sessions SET booked_count = booked_count + cardinality($2::uuid[])
        WHERE id = $1 RETURNING id, kind, starts_at, ends_at)
     INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, booked_by)
     SELECT taken.id, c, kind, starts_at, ends_at, $3 FROM taken, unnest($2::uuid[]) c
     RETURNING id`,
    [sessionId, clientIds, who.official.userId],
  );
  await moveSessionToPast(world.db, sessionId, 3);
  return rows.map((row) => row.id);
}

async function sendAll(calls: Call[], tally: Tally): Promise<void> {
  await runPool(calls, 4, async (call) => {
    const outcome = await send(call);
    tally.record(outcome);
    if (outcome.kind !== 'ok') tally.fail(`${call.method} ${call.url} was refused`);
  });
}

async function bookSeats(
  world: FaultWorld,
  who: Cast,
  courseId: string,
  clientIds: string[],
  tally: Tally,
): Promise<string[]> {
  const seatIds: string[] = [];
  await runPool(clientIds, 4, async (clientId) => {
    const outcome = await send({
      method: 'POST',
      url: world.url('booking', `/courses/${courseId}/seats`),
      token: who.official.token,
      body: { clientId },
      idempotencyKey: `faults-queue-seat-${clientId}`,
    });
    tally.record(outcome);
    if (outcome.kind === 'ok') seatIds.push(outcome.body.id as string);
    else tally.fail(`a seat for ${clientId} was refused`);
  });
  return seatIds;
}

async function consumedSince(world: FaultWorld, lastEvent: string): Promise<number> {
  const [{ n }] = await world.db.query(
    `SELECT count(*)::int AS n FROM consumed_events WHERE consumer = 'queue' AND event_id > $1`,
    [lastEvent],
  );
  return n;
}

/**
 * Answered requests whose effect on the queue is missing: a tested client with no entry, or
 * a client whose seat stands but whose entry does not say so.
 */
async function unplaced(world: FaultWorld, clientIds: string[], seatIds: string[]) {
  const [{ n }] = await world.db.query(
    `SELECT count(*)::int AS n FROM unnest($1::uuid[]) c(id)
      WHERE NOT EXISTS (SELECT 1 FROM waiting_list_entries e WHERE e.client_id = c.id)
         OR EXISTS (SELECT 1 FROM seats s WHERE s.client_id = c.id AND s.id = ANY($2)
                     AND s.status = 'reserved' AND NOT EXISTS (
                       SELECT 1 FROM waiting_list_entries e
                        WHERE e.client_id = c.id AND e.seat_id = s.id AND e.status = 'placed'))`,
    [clientIds, seatIds],
  );
  return n;
}
