import { setTimeout as sleep } from 'node:timers/promises';
import { type Call, type Outcome, send, sendUntilKnown, worthRetrying } from './outcome';
import { runPool } from './pool';
import type { Cast } from './seed';
import type { Tally } from './tally';
import type { FaultWorld } from './world';

const ALREADY = new Set(['already-booked', 'already-seated']);
const PROBE_FOR_MS = 30_000;
const PROBE_EVERY_MS = 200;

export interface BookingLoadPlan {
  sessionId: string;
  courseId: string;
  clientIds: string[];
  workers: number;
  /** When, after the load began, the fault is injected; the load goes on while it lasts. */
  faultAfterMs: number;
  fault: () => Promise<void>;
  /** How long the load goes on after the fault is over. */
  tailMs: number;
  /** How long one client keeps retrying a request whose outcome it does not know. */
  retryForMs: number;
}

export interface BookingLoadResult {
  testBookings: string[];
  seats: string[];
  /** Requests still without a definite answer when their client gave up. */
  stuck: number;
  /**
   * Requests that took effect although their answer was lost (the database or the service
   * went away between the commit and the stored answer), so that the retry was refused as
   * already booked instead of being given the first answer.
   */
  refusedAfterEffect: number;
  /** Seconds from the end of the fault to the first success of a request sent after it. */
  recoverySeconds: number | undefined;
  /** The answered calls, to be repeated by a client that did not trust its answer. */
  answered: Array<{ call: Call; id: string }>;
}

/**
 * Concurrent officials booking test places and course seats, one client each, every POST
 * with an Idempotency-Key, while `fault` runs. Each request is retried with its key while
 * its outcome is unknown (no answer, 503, still in progress), as a careful client would.
 */
export async function bookingLoad(
  world: FaultWorld,
  who: Cast,
  plan: BookingLoadPlan,
  tally: Tally,
): Promise<BookingLoadResult> {
  const result: BookingLoadResult = {
    testBookings: [],
    seats: [],
    stuck: 0,
    refusedAfterEffect: 0,
    recoverySeconds: undefined,
    answered: [],
  };
  let faultOver: number | undefined;
  const faultDone = (async () => {
    await sleep(plan.faultAfterMs);
    await plan.fault();
    faultOver = Date.now();
  })();
  // The last client is kept for the recovery probe below.
  const probeClientId = plan.clientIds[plan.clientIds.length - 1];
  const items = plan.clientIds.slice(0, -1).map((clientId, i) => ({ clientId, seat: i % 2 === 1 }));
  const stop = () => faultOver !== undefined && Date.now() > faultOver + plan.tailMs;
  const recovered = () => {
    const seconds = (Date.now() - faultOver!) / 1000;
    result.recoverySeconds = Math.min(result.recoverySeconds ?? seconds, seconds);
  };
  const callFor = (clientId: string, seat: boolean): Call => ({
    method: 'POST',
    url: seat
      ? world.url('booking', `/courses/${plan.courseId}/seats`)
      : world.url('booking', `/test-sessions/${plan.sessionId}/bookings`),
    token: who.official.token,
    body: seat ? { clientId, levelOverrideReason: 'fault suite' } : { clientId },
    idempotencyKey: `faults-${seat ? 'seat' : 'test'}-${clientId}`,
  });

  /**
   * A request of a client who arrives once the fault is over, sent until it succeeds: how soon
   * the service takes new work again. Apart from the workers, because every worker may still
   * be retrying a request the fault interrupted (its key stays "in progress" for a while).
   */
  const probe = async () => {
    await faultDone;
    const call = callFor(probeClientId, false);
    while (Date.now() < faultOver! + PROBE_FOR_MS) {
      const outcome = await send(call);
      tally.record(outcome);
      if (outcome.kind === 'ok') {
        recovered();
        result.testBookings.push(outcome.body.id as string);
        result.answered.push({ call, id: outcome.body.id as string });
        return;
      }
      if (!worthRetrying(outcome)) return;
      await sleep(PROBE_EVERY_MS);
    }
    result.stuck += 1;
  };

  const book = async ({ clientId, seat }: (typeof items)[number]) => {
    const call = callFor(clientId, seat);
    const sentAt = Date.now();
    const outcome = await sendUntilKnown(call, Date.now() + plan.retryForMs, (attempt) =>
      tally.record(attempt),
    );
    if (outcome.kind === 'ok') {
      const id = outcome.body.id as string;
      (seat ? result.seats : result.testBookings).push(id);
      result.answered.push({ call, id });
      if (faultOver !== undefined && sentAt >= faultOver) recovered();
    } else if (worthRetrying(outcome)) {
      result.stuck += 1;
    } else if (outcome.kind === 'clean' && ALREADY.has(outcome.code)) {
      // Each client is booked by one request only: "already" can only be its own first try.
      result.refusedAfterEffect += 1;
    }
  };
  await Promise.all([runPool(items, plan.workers, book, stop), probe()]);
  return result;
}

/**
 * Sends every answered request again with its key: the answer must be the first one
 * (same id), and nothing new may be created. Returns how many gave another id.
 */
export async function replayAnswered(
  answered: BookingLoadResult['answered'],
  tally: Tally,
): Promise<number> {
  let differing = 0;
  await runPool(answered, 4, async ({ call, id }) => {
    const outcome: Outcome = await send(call);
    tally.record(outcome);
    if (outcome.kind !== 'ok' || outcome.body.id !== id) differing += 1;
  });
  return differing;
}
