import { checkBookings } from '../support/booking-checks';
import { bookingLoad, replayAnswered } from '../support/booking-load';
import { cast, consentingClients, openCourse, openSession } from '../support/seed';
import type { Tally } from '../support/tally';
import type { FaultWorld } from '../support/world';

const CLIENTS = 900;
const WORKERS = 6;

/**
 * Test bookings and course seats booked by concurrent officials while `fault` runs, then
 * checked: every 201 exists exactly once with its audit entry and event, counters agree,
 * every request reached a definite answer, and repeating a request with its key gives the
 * first answer again; requests must succeed again within seconds of the fault's end.
 */
export async function bookingsUnderFault(
  world: FaultWorld,
  tally: Tally,
  fault: () => Promise<void>,
  options: {
    /** Database: the service stays up and must answer every request (503 while it cannot). */
    outage: 'database' | 'service';
    retryForMs: number;
    recoveryLimitSeconds: number;
  },
): Promise<void> {
  const who = await cast(world);
  const clientIds = await consentingClients(world, who, CLIENTS);
  const sessionId = await openSession(world, who, 500);
  const course = await openCourse(world, who, 1000);

  const load = await bookingLoad(
    world,
    who,
    {
      sessionId,
      courseId: course.id,
      clientIds,
      workers: WORKERS,
      faultAfterMs: 2000,
      fault,
      tailMs: 3000,
      retryForMs: options.retryForMs,
    },
    tally,
  );
  const recovery = load.recoverySeconds;
  tally.note(
    `${load.testBookings.length} test bookings and ${load.seats.length} seats answered 201; ` +
      `first success ${recovery?.toFixed(1) ?? 'never'} s after the fault ended`,
  );
  if (recovery === undefined || recovery > options.recoveryLimitSeconds) {
    tally.fail(`no success within ${options.recoveryLimitSeconds} s of the fault ending`);
  }
  if (load.refusedAfterEffect > 0) {
    tally.note(
      `${load.refusedAfterEffect} requests took effect but lost their answer; the retry ` +
        'was refused as already booked instead of replaying the 201',
    );
  }
  if (load.stuck > 0) tally.fail(`${load.stuck} requests never got a definite answer`);
  if (options.outage === 'database') {
    if (tally.answered(503) === 0) tally.fail('no 503 seen: the restart missed the load');
    if (tally.unanswered > 0) tally.fail(`${tally.unanswered} requests got no answer at all`);
  } else if (tally.unanswered === 0) {
    tally.fail('no request went unanswered: the kill missed the load');
  }

  const replayedDifferently = await replayAnswered(load.answered, tally);
  tally.note(`${load.answered.length} answered requests repeated with their key`);
  tally.duplicated += replayedDifferently;

  const facts = await checkBookings(world.db, clientIds, {
    testBookings: load.testBookings,
    seats: load.seats,
  });
  tally.lost += facts.lost;
  tally.duplicated += facts.duplicated;
  for (const problem of facts.halfDone.slice(0, 5)) tally.fail(`half-done: ${problem}`);
}
