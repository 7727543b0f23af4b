import type { TestApp } from './test-app';
import { createOrganisation, signIn } from './factories';
import { addDays, StatisticsHistory } from './statistics-history';

type User = Awaited<ReturnType<typeof signIn>>;

export interface StatisticsWorld {
  regionA: string;
  regionB: string;
  officeA: string;
  officeB: string;
  centreA: string;
  centreB: string;
  providerA: string;
  providerB: string;
  analyst: User;
  officialA: User;
  officialB: User;
  tester: User;
  provider: User;
  admin: User;
}

/** The figures are taken on this day; the history lies in the first half of 2026. */
export const AS_OF = '2026-06-30';

export async function createWorld(t: TestApp): Promise<StatisticsWorld> {
  const regionA = await createOrganisation(t.db, 'region', { name: 'Uusimaa' });
  const regionB = await createOrganisation(t.db, 'region', { name: 'Pirkanmaa' });
  const officeA = await createOrganisation(t.db, 'employment-office', { regionId: regionA });
  const officeB = await createOrganisation(t.db, 'employment-office', { regionId: regionB });
  const centreA = await createOrganisation(t.db, 'test-centre', { name: 'Pasila' });
  const centreB = await createOrganisation(t.db, 'test-centre', { name: 'Hervanta' });
  // A name that needs CSV quoting and would be a formula if a spreadsheet ran it.
  const providerA = await createOrganisation(t.db, 'course-provider', {
    name: '=Kielipolku, "Oy"',
  });
  const providerB = await createOrganisation(t.db, 'course-provider', { name: 'Opisto' });
  return {
    regionA,
    regionB,
    officeA,
    officeB,
    centreA,
    centreB,
    providerA,
    providerB,
    analyst: await signIn(t.http, t.db, 'analyst', regionA),
    officialA: await signIn(t.http, t.db, 'official', officeA),
    officialB: await signIn(t.http, t.db, 'official', officeB),
    tester: await signIn(t.http, t.db, 'tester', centreA),
    provider: await signIn(t.http, t.db, 'provider', providerA),
    admin: await signIn(t.http, t.db, 'admin'),
  };
}

/**
 * The queue history behind the waiting-time and queue figures (hand-computed in the tests):
 * January: 12 entries in region A (6 placed after 10/20/30/40/60/100 days, five of them
 *   started 30/35/50/60/80 days after entry; 1 removed after 15 days; 5 still waiting,
 *   since Jan 5/10/15/20/25).
 * February: 10 entries in region A, all placed after 5/10/15/20/25/45/50/60/70/80 days.
 * March: 5 entries in region B (office B, fast, B1.1), all placed after 10 days.
 * June: 1 entry in region A since Jun 20, placed only on Jul 5 (after the as-of day);
 *   2 entries in region B (fast, B1.1) since Jun 1, still waiting.
 */
export async function seedQueueHistory(t: TestApp, w: StatisticsWorld): Promise<void> {
  const h = new StatisticsHistory(t.db, w.officialA.userId);
  const k0 = await h.course({
    providerId: w.providerA,
    regionId: w.regionA,
    pace: 'basic',
    startsOn: '2025-12-01',
    seats: 100,
  });
  const a = { officeId: w.officeA, regionId: w.regionA, pace: 'basic', level: 'A1.1' } as const;
  const b = { officeId: w.officeB, regionId: w.regionB, pace: 'fast', level: 'B1.1' } as const;

  const january = await h.clients(w.officeA, 12);
  const placedAfter = [10, 20, 30, 40, 60, 100];
  const startedAfter = [30, 35, 50, 60, 80];
  for (const [i, days] of placedAfter.entries()) {
    const since = '2026-01-10';
    const clientId = january[i];
    await h.entry({ ...a, clientId, since, status: 'placed', endedOn: addDays(since, days) });
    const started = startedAfter[i];
    await h.seat({
      courseId: k0,
      clientId,
      status: started ? 'started' : 'reserved',
      bookedOn: addDays(since, days),
      startedOn: started ? addDays(since, started) : undefined,
    });
  }
  await h.entry({
    ...a,
    clientId: january[6],
    since: '2026-01-10',
    status: 'removed',
    endedOn: '2026-01-25',
  });
  const waitingSince = ['2026-01-05', '2026-01-10', '2026-01-15', '2026-01-20', '2026-01-25'];
  for (const [i, since] of waitingSince.entries()) {
    await h.entry({ ...a, clientId: january[7 + i], since });
  }

  const february = await h.clients(w.officeA, 10);
  for (const [i, days] of [5, 10, 15, 20, 25, 45, 50, 60, 70, 80].entries()) {
    const since = '2026-02-01';
    await h.entry({
      ...a,
      clientId: february[i],
      since,
      status: 'placed',
      endedOn: addDays(since, days),
    });
    await h.seat({
      courseId: k0,
      clientId: february[i],
      status: 'reserved',
      bookedOn: addDays(since, days),
    });
  }

  for (const clientId of await h.clients(w.officeB, 5)) {
    await h.entry({ ...b, clientId, since: '2026-03-02', status: 'placed', endedOn: '2026-03-12' });
  }

  const [late] = await h.clients(w.officeA, 1);
  await h.entry({
    ...a,
    clientId: late,
    since: '2026-06-20',
    status: 'placed',
    endedOn: '2026-07-05',
  });
  for (const clientId of await h.clients(w.officeB, 2)) {
    await h.entry({ ...b, clientId, since: '2026-06-01' });
  }

  for (const [day, basic, slow, fast] of [
    ['2026-06-28', 6, 3, 2],
    ['2026-06-29', 6, 2, 2],
    ['2026-06-30', 6, 0, 2],
  ] as const) {
    await h.snapshot({ day, regionId: w.regionA, pace: 'basic', level: 'A1.1', length: basic });
    await h.snapshot({ day, regionId: w.regionA, pace: 'slow', level: 'A1.2', length: slow });
    await h.snapshot({ day, regionId: w.regionB, pace: 'fast', level: 'B1.1', length: fast });
  }
}

/**
 * Test sessions and results:
 * centre A, March: sessions Mar 10 (10 places: 6 attended, 1 no-show, 1 cancelled booking),
 *   Mar 17 (8 places: 5 attended, 2 of them office B's clients, 3 no-shows), Mar 24 cancelled
 *   (10 places). Results of the 11 attended: pace fast 4, basic 5, slow 2; level A1.1 5, A1.2 6.
 * centre B, April: Apr 14 (20 places: 15 attended, 5 no-shows); 15 results basic, A2.1.
 */
export async function seedTestHistory(t: TestApp, w: StatisticsWorld): Promise<void> {
  const h = new StatisticsHistory(t.db, w.officialA.userId);
  const s1 = await h.session({ centreId: w.centreA, day: '2026-03-10', capacity: 10 });
  const s2 = await h.session({ centreId: w.centreA, day: '2026-03-17', capacity: 8 });
  await h.session({ centreId: w.centreA, day: '2026-03-24', capacity: 10, status: 'cancelled' });
  const s3 = await h.session({ centreId: w.centreB, day: '2026-04-14', capacity: 20 });

  const a = await h.clients(w.officeA, 9 + 2 + 4 + 20);
  const officeB = await h.clients(w.officeB, 2);
  // Session 1: 6 attended (fast 4 A1.1, basic 2 A1.1), 1 no-show, 1 cancelled.
  await h.bookings(s1, a.slice(0, 4), 'attended', { pace: 'fast', startLevel: 'A1.1' });
  await h.bookings(s1, a.slice(4, 5), 'attended', { pace: 'basic', startLevel: 'A1.1' });
  await h.bookings(s1, a.slice(5, 6), 'attended', { pace: 'basic', startLevel: 'A1.2' });
  await h.bookings(s1, a.slice(6, 7), 'no-show');
  await h.bookings(s1, a.slice(7, 8), 'cancelled');
  // Session 2: 5 attended (basic 1 A1.2 and 2 slow A1.2 of office A, 2 basic A1.2 of office B), 3 no-shows.
  await h.bookings(s2, a.slice(8, 9), 'attended', { pace: 'basic', startLevel: 'A1.2' });
  await h.bookings(s2, a.slice(9, 11), 'attended', { pace: 'slow', startLevel: 'A1.2' });
  await h.bookings(s2, officeB, 'attended', { pace: 'basic', startLevel: 'A1.2' });
  await h.bookings(s2, a.slice(11, 14), 'no-show');
  // Session 3, centre B: 15 attended, 5 no-shows.
  await h.bookings(s3, a.slice(14, 29), 'attended', { pace: 'basic', startLevel: 'A2.1' });
  await h.bookings(s3, a.slice(29, 34), 'no-show');
}

/**
 * Courses starting Feb–Mar 2026:
 * K1 provider A, basic, Feb 1, 20 seats: 6 studying, 5 dropped out (employment), 5 completed
 *   (lowest skill A2.1; follow-up employment 3, vocational training 2), 1 no-show, 1 cancelled.
 * K2 provider A, fast, Feb 15, 10 seats: 4 studying.
 * K3 provider B, basic, Mar 1, 12 seats, region B: no seats taken.
 * A cancelled course in February counts nowhere.
 */
export async function seedCourseHistory(t: TestApp, w: StatisticsWorld): Promise<void> {
  const h = new StatisticsHistory(t.db, w.officialA.userId);
  const course = (providerId: string, pace: 'basic' | 'fast', startsOn: string, seats: number) =>
    h.course({
      providerId,
      regionId: providerId === w.providerB ? w.regionB : w.regionA,
      pace,
      startsOn,
      seats,
    });
  const k1 = await course(w.providerA, 'basic', '2026-02-01', 20);
  const k2 = await course(w.providerA, 'fast', '2026-02-15', 10);
  await course(w.providerB, 'basic', '2026-03-01', 12);
  await h.course({
    providerId: w.providerA,
    regionId: w.regionA,
    pace: 'basic',
    startsOn: '2026-02-20',
    seats: 30,
    status: 'cancelled',
  });

  const clients = await h.clients(w.officeA, 22);
  const seat = (i: number, courseId: string, fields: Partial<Parameters<typeof h.seat>[0]>) =>
    h.seat({
      courseId,
      clientId: clients[i],
      status: 'started',
      bookedOn: '2026-01-20',
      startedOn: '2026-02-01',
      ...fields,
    });
  for (let i = 0; i < 6; i++) await seat(i, k1, {});
  for (let i = 6; i < 11; i++)
    await seat(i, k1, { status: 'dropped-out', dropoutReason: 'employment' });
  for (let i = 11; i < 16; i++) {
    await seat(i, k1, {
      status: 'completed',
      completionLevels: { listening: 'A2.2', speaking: 'A2.1', reading: 'B1.1' },
      followUp: i < 14 ? 'employment' : 'vocational-training',
    });
  }
  await seat(16, k1, { status: 'no-show', startedOn: undefined });
  await seat(17, k1, { status: 'cancelled', startedOn: undefined });
  for (let i = 18; i < 22; i++) await seat(i, k2, { startedOn: '2026-02-15' });
}
