import { setTimeout as sleep } from 'node:timers/promises';
import { bookingsUnderFault } from './scenarios/booking-under-fault';
import { documentsKill } from './scenarios/documents-kill';
import { queueKill } from './scenarios/queue-kill';
import { redisOutage } from './scenarios/redis-outage';
import { print, scenarioReport, table } from './support/report';
import { Tally } from './support/tally';
import { FaultWorld } from './support/world';

/**
 * The fault scenarios of issue 9, one after another against one set of real services, each
 * printing what its clients sent and saw, and failing on anything lost, duplicated, half
 * done or answered uncleanly.
 */
describe('Kotoportti under faults', () => {
  let world: FaultWorld;
  const tallies: Tally[] = [];

  beforeAll(async () => {
    world = await FaultWorld.start();
  });
  afterAll(async () => {
    print(`\n[faults] summary\n${table(tallies)}\n`);
    await world?.close();
  });

  async function scenario(name: string, run: (tally: Tally) => Promise<void>): Promise<void> {
    const tally = new Tally(name);
    tallies.push(tally);
    try {
      await run(tally);
    } finally {
      print(scenarioReport(tally));
    }
    expect(tally.problems()).toEqual([]);
  }

  it('keeps taking bookings, results and reports with Redis down, and delivers their events after', () =>
    scenario('redis stopped', (tally) => redisOutage(world, tally)));

  it('answers 503 while PostgreSQL restarts, recovers within seconds, and leaves nothing half-done', () =>
    scenario('postgres restarted', (tally) =>
      bookingsUnderFault(
        world,
        tally,
        async () => {
          await world.postgres.down('immediate');
          await sleep(1000);
          await world.postgres.up();
          await world.connect();
        },
        { outage: 'database', retryForMs: 90_000, recoveryLimitSeconds: 15 },
      ),
    ));

  it('loses and duplicates no booking when the booking service is killed mid-load', () =>
    scenario('booking killed', (tally) =>
      bookingsUnderFault(
        world,
        tally,
        async () => {
          await world.services.booking.kill();
          await world.services.booking.start();
        },
        { outage: 'service', retryForMs: 120_000, recoveryLimitSeconds: 15 },
      ),
    ));

  it('applies every event exactly once when the queue service is killed mid-stream', () =>
    scenario('queue killed', (tally) => queueKill(world, tally)));

  it('prints every letter exactly once when the documents service is killed mid-batch', () =>
    scenario('documents killed', (tally) => documentsKill(world, tally)));
});
