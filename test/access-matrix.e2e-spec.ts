import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { DocumentsModule } from '../apps/documents/src/documents.module';
import { QueueModule } from '../apps/queue/src/queue.module';
import { createWorld, Fixtures, ORG_ROLES, Source, World } from './support/access-world';
import {
  AccessCase,
  accessCases,
  AccessRule,
  ScopedRequest,
  sendCase,
} from './support/access-cases';
import { clientInput } from './support/clients';
import { courseInput, daysFromToday } from './support/courses';
import { describeEndpoint, discoverEndpoints } from './support/endpoints';
import { createUser, login, TEST_PASSWORD } from './support/factories';
import { resultBody } from './support/queue';
import { sessionInput } from './support/test-bookings';
import { startTestApp, TestApp } from './support/test-app';

/**
 * One row per endpoint of the API, read like SPEC §1. `record` makes the request about a
 * record of the `owner` world, asked by a user of the `me` world; rows with `scoped` answer
 * 404 when the two differ. `fresh` rows change their record, so each allowed call gets a new
 * one. `catalogue` roles see every organisation's record (officials browse all sessions and
 * courses), though `hides` names what of the other world their answers must leave out.
 * `ok` is the answer an allowed caller gets.
 */
// Admin manages and sees everything but belongs to no office, centre or provider, so it
// cannot be the owner of a client, a session or a course: 400 naming the owner field.
const NO_OWNER = [400];

interface Row extends AccessRule {
  fresh?: boolean;
  /** The caller's token is spent by the request (logout): sign in anew for each case. */
  spendsToken?: boolean;
  record?: (s: Source, owner: World, me: World) => Promise<ScopedRequest>;
  /** Records of the other world that a list or catalogue answer must leave out. */
  hides?: (s: Source, other: World) => Promise<string[]>;
}

const today = () => daysFromToday(0);
const id = (value: string) => ({ params: { id: value } });

const MATRIX: Row[] = [
  // Platform
  { method: 'GET', path: '/api/health', allowed: 'anyone', ok: [200] },
  { method: 'GET', path: '/api/health/ready', allowed: 'anyone', ok: [200] },
  // Public to the loopback address the tests call from; METRICS_TOKEN guards it elsewhere.
  { method: 'GET', path: '/metrics', allowed: 'anyone', ok: [200] },
  {
    method: 'POST',
    path: '/api/auth/login',
    allowed: 'anyone',
    ok: [200],
    record: async (_s, _o, me) => ({
      body: { username: me.users.official.username, password: TEST_PASSWORD },
    }),
  },
  { method: 'POST', path: '/api/auth/logout', allowed: 'signed-in', ok: [204], spendsToken: true },

  // Admin: organisations, users, the audit log
  { method: 'GET', path: '/api/organisations', allowed: [], ok: [200] },
  {
    method: 'POST',
    path: '/api/organisations',
    allowed: [],
    ok: [201],
    record: async () => ({ body: { kind: 'region', name: `Region ${Math.random()}` } }),
  },
  { method: 'GET', path: '/api/users', allowed: [], ok: [200] },
  {
    method: 'POST',
    path: '/api/users',
    allowed: [],
    ok: [201],
    record: async (_s, _o, me) => ({
      body: {
        username: `analyst-${Math.random().toString(36).slice(2, 10)}`,
        password: TEST_PASSWORD,
        displayName: 'Uusi Analyytikko',
        role: 'analyst',
        organisationId: me.regionId,
      },
    }),
  },
  { method: 'GET', path: '/api/audit-events', allowed: [], ok: [200] },

  // Officials: clients and consent (their own office's clients only)
  {
    method: 'POST',
    path: '/api/clients',
    allowed: ['official'],
    ok: [201],
    admin: NO_OWNER,
    record: async () => ({ body: clientInput() }),
  },
  {
    method: 'GET',
    path: '/api/clients',
    allowed: ['official'],
    ok: [200],
    record: async () => ({ query: { q: 'Amina' } }),
    hides: async (s, other) => [await s.client(other)],
  },
  ...['', '/consents', '/path', '/test-bookings', '/export'].map((tail): Row => ({
    method: 'GET',
    path: `/api/clients/:id${tail}`,
    allowed: ['official'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.client(owner)),
  })),
  {
    method: 'GET',
    path: '/api/clients/:id/queue-position',
    allowed: ['official'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.entryClient(owner)),
  },
  {
    method: 'POST',
    path: '/api/clients/:id/consents',
    allowed: ['official'],
    ok: [201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({
      ...id(await s.unconsentedClient(owner)),
      body: { givenAt: new Date(Date.now() - 60_000).toISOString(), method: 'written' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/clients/:id/consents',
    allowed: ['official'],
    ok: [200],
    scoped: true,
    fresh: true,
    record: async (s, owner) => id(await s.client(owner)),
  },

  // Testers: sessions, attendance, results; officials browse sessions and book
  { method: 'GET', path: '/api/test-sessions', allowed: ['official', 'tester'], ok: [200] },
  {
    method: 'POST',
    path: '/api/test-sessions',
    allowed: ['tester'],
    ok: [201],
    admin: NO_OWNER,
    record: async () => ({ body: sessionInput() }),
  },
  {
    method: 'GET',
    path: '/api/test-sessions/:id',
    allowed: ['official', 'tester'],
    ok: [200],
    scoped: true,
    catalogue: ['official'],
    record: async (s, owner) => id(await s.session(owner)),
  },
  {
    // An official sees any centre's session, but only the bookings of its own clients.
    method: 'GET',
    path: '/api/test-sessions/:id/bookings',
    allowed: ['official', 'tester'],
    ok: [200],
    scoped: true,
    catalogue: ['official'],
    record: async (s, owner) => id(await s.bookedSession(owner)),
    hides: async (s, other) => [await s.client(other)],
  },
  {
    method: 'POST',
    path: '/api/test-sessions/:id/cancel',
    allowed: ['tester'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.session(owner)), body: { reason: 'Tester ill' } }),
  },
  {
    // Any centre's session; the client is what belongs to an office.
    method: 'POST',
    path: '/api/test-sessions/:id/bookings',
    allowed: ['official'],
    ok: [201],
    scoped: true,
    fresh: true,
    record: async (s, owner, me) => ({
      ...id(await s.session(me)),
      body: { clientId: await s.client(owner) },
    }),
  },
  ...['', '/result', '/results'].map((tail): Row => ({
    method: 'GET',
    path: `/api/test-bookings/:id${tail}`,
    allowed: ['official', 'tester'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.resultBooking(owner)),
  })),
  {
    method: 'POST',
    path: '/api/test-bookings/:id/cancel',
    allowed: ['official', 'tester'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.booking(owner)), body: {} }),
  },
  {
    method: 'POST',
    path: '/api/test-bookings/:id/rebook',
    allowed: ['official'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner, me) => ({
      ...id(await s.booking(owner)),
      body: { sessionId: await s.otherSession(me) },
    }),
  },
  {
    method: 'POST',
    path: '/api/test-bookings/:id/attendance',
    allowed: ['tester'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.pastBooking(owner)), body: { attended: true } }),
  },
  {
    method: 'PUT',
    path: '/api/test-bookings/:id/result',
    allowed: ['tester'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.attendedBooking(owner)), body: resultBody() }),
  },

  // Providers: courses and seat reports; officials browse courses and book seats
  { method: 'GET', path: '/api/courses', allowed: ['official', 'provider'], ok: [200] },
  {
    method: 'POST',
    path: '/api/courses',
    allowed: ['provider'],
    ok: [201],
    admin: NO_OWNER,
    record: async () => ({ body: courseInput() }),
  },
  {
    method: 'GET',
    path: '/api/courses/:id',
    allowed: ['official', 'provider'],
    ok: [200],
    scoped: true,
    catalogue: ['official'],
    record: async (s, owner) => id(await s.course(owner)),
  },
  {
    method: 'GET',
    path: '/api/courses/:id/participants',
    allowed: ['provider'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.course(owner)),
  },
  {
    method: 'GET',
    path: '/api/courses/:id/candidates',
    allowed: ['official'],
    ok: [200],
    scoped: true,
    catalogue: ['official'],
    record: async (s, owner) => id(await s.course(owner)),
    hides: async (s, other) => [await s.entryClient(other)],
  },
  {
    method: 'PATCH',
    path: '/api/courses/:id/seats',
    allowed: ['provider'],
    ok: [200],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.course(owner)), body: { seats: 20 } }),
  },
  {
    method: 'POST',
    path: '/api/courses/:id/cancel',
    allowed: ['provider'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.course(owner)), body: { reason: 'Too few' } }),
  },
  {
    // Any provider's course; the client is what belongs to an office.
    method: 'POST',
    path: '/api/courses/:id/seats',
    allowed: ['official'],
    ok: [201],
    scoped: true,
    fresh: true,
    record: async (s, owner, me) => ({
      ...id(await s.course(me)),
      body: { clientId: await s.readyClient(owner) },
    }),
  },
  {
    method: 'GET',
    path: '/api/seats/:id',
    allowed: ['official', 'provider'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.seat(owner)),
  },
  ...(
    [
      ['cancel', ['official', 'provider'], 'seat', {}],
      ['start', ['provider'], 'seat', {}],
      ['no-show', ['provider'], 'seat', {}],
      ['dropout', ['provider'], 'startedSeat', { reason: 'health' }],
      ['complete', ['provider'], 'startedSeat', { levels: { reading: 'A2.1' } }],
      ['follow-up', ['provider'], 'completedSeat', { outcome: 'employment' }],
    ] as const
  ).map(([report, allowed, kind, extra]): Row => ({
    method: 'POST',
    path: `/api/seats/:id/${report}`,
    allowed: [...allowed],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({
      ...id(await s[kind](owner)),
      body: { date: today(), ...extra },
    }),
  })),

  // Queue: officials manage their clients' entries; analysts see figures only
  { method: 'GET', path: '/api/waiting-lists', allowed: ['official', 'analyst'], ok: [200] },
  {
    method: 'GET',
    path: '/api/waiting-lists/entries',
    allowed: ['official'],
    ok: [200],
    hides: async (s, other) => [await s.entryClient(other), await s.entry(other)],
  },
  {
    method: 'GET',
    path: '/api/waiting-lists/snapshots',
    allowed: ['official', 'analyst'],
    ok: [200],
    record: async () => ({ query: { from: daysFromToday(-30), to: today() } }),
  },
  {
    method: 'POST',
    path: '/api/waiting-lists/entries/:id/priority',
    allowed: ['official'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({
      ...id(await s.entry(owner)),
      body: { priority: true, reason: 'Urgent' },
    }),
  },
  {
    method: 'POST',
    path: '/api/waiting-lists/entries/:id/remove',
    allowed: ['official'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.entry(owner)), body: { reason: 'Moved away' } }),
  },
  {
    method: 'GET',
    path: '/api/seat-offers',
    allowed: ['official'],
    ok: [200],
    hides: async (s, other) => [await s.offer(other)],
  },
  {
    method: 'POST',
    path: '/api/seat-offers/:id/book',
    allowed: ['official'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => id(await s.offer(owner)),
  },
  {
    method: 'POST',
    path: '/api/seat-offers/:id/decline',
    allowed: ['official'],
    ok: [200, 201],
    scoped: true,
    fresh: true,
    record: async (s, owner) => ({ ...id(await s.offer(owner)), body: { reason: 'Ill' } }),
  },

  // Letters: officials, for their own office's clients
  {
    method: 'GET',
    path: '/api/letters',
    allowed: ['official'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => ({ query: { clientId: await s.client(owner) } }),
  },
  {
    method: 'POST',
    path: '/api/letters',
    allowed: ['official'],
    ok: [201],
    scoped: true,
    record: async (s, owner) => ({
      body: { kind: 'test-invitation', bookingId: await s.booking(owner) },
    }),
  },
  {
    method: 'GET',
    path: '/api/letters/preview',
    allowed: ['official'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => ({
      query: { kind: 'test-invitation', bookingId: await s.booking(owner) },
    }),
  },
  {
    method: 'GET',
    path: '/api/letters/:id/pdf',
    allowed: ['official'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.letter(owner)),
  },
  {
    method: 'POST',
    path: '/api/letters/batch',
    allowed: ['official'],
    ok: [201, 202],
    scoped: true,
    record: async (s, owner) => ({ body: { bookingIds: [await s.booking(owner)] } }),
  },
  ...['', '/pdf'].map((tail): Row => ({
    method: 'GET',
    path: `/api/letters/batch/:id${tail}`,
    allowed: ['official'],
    ok: [200],
    scoped: true,
    record: async (s, owner) => id(await s.batch(owner)),
  })),

  // Statistics: aggregates for analysts and officials
  ...['queues', 'waiting-times', 'recommendations', 'tests', 'courses'].map((report): Row => ({
    method: 'GET',
    path: `/api/statistics/${report}`,
    allowed: ['analyst', 'official'],
    ok: [200],
  })),
];

/** A web page of the booking service, shown with 200 to whoever may see it. */
const page = (path: string, allowed: AccessRule['allowed'], rest: Partial<Row> = {}): Row => ({
  method: 'GET',
  path,
  allowed,
  ok: [200],
  page: true,
  ...rest,
});
const clientPage = (record: Row['record']): Partial<Row> => ({ scoped: true, record });

/**
 * The web pages (GET; the forms they post to are not in the matrix yet). Pages check roles
 * like the API and answer another organisation's record with the 404 page.
 */
const PAGES: Row[] = [
  page('/', 'anyone', { ok: [303] }),
  page('/login', 'anyone'),
  page('/home', 'signed-in'),
  page('/assets/:file', 'anyone', { record: async () => ({ params: { file: 'app.css' } }) }),
  page('/statistics', ['analyst', 'official']),
  page('/statistics/:report', ['analyst', 'official'], {
    record: async () => ({ params: { report: 'queues' } }),
  }),
  page('/clients', ['official']),
  page('/clients/new', ['official']),
  page(
    '/clients/:id',
    ['official'],
    clientPage(async (s, owner) => id(await s.client(owner))),
  ),
  ...['priority', 'remove'].map((action) =>
    page(
      `/clients/:id/queue/:entryId/${action}`,
      ['official'],
      clientPage(async (s, owner) => ({
        params: { id: await s.entryClient(owner), entryId: await s.entry(owner) },
      })),
    ),
  ),
  ...['book', 'decline'].map((action) =>
    page(
      `/clients/:id/offers/:offerId/${action}`,
      ['official'],
      clientPage(async (s, owner) => ({
        params: { id: await s.entryClient(owner), offerId: await s.entryClientOffer(owner) },
      })),
    ),
  ),
  page('/courses', ['official', 'provider']),
  page('/courses/new', ['provider']),
  page('/courses/:id', ['official', 'provider'], {
    ...clientPage(async (s, owner) => id(await s.course(owner))),
    catalogue: ['official'],
  }),
  ...['capacity', 'cancel'].map((action) =>
    page(
      `/courses/:id/${action}`,
      ['provider'],
      clientPage(async (s, owner) => id(await s.course(owner))),
    ),
  ),
  page('/letters/batch', ['official']),
  page(
    '/seats/:id/cancel',
    ['official'],
    clientPage(async (s, owner) => id(await s.seat(owner))),
  ),
  ...['cancel', 'rebook'].map((action) =>
    page(
      `/test-bookings/:id/${action}`,
      ['official'],
      clientPage(async (s, owner) => id(await s.booking(owner))),
    ),
  ),
  page(
    '/test-bookings/:id/result',
    ['tester'],
    clientPage(async (s, owner) => id(await s.attendedBooking(owner))),
  ),
  page('/test-places', ['official']),
  page('/waiting-lists', ['official']),
  page('/waiting-lists/entries', ['official']),
  page('/sessions', ['tester']),
  page('/sessions/new', ['tester']),
  ...['', '/cancel'].map((tail) =>
    page(
      `/sessions/:id${tail}`,
      ['tester'],
      clientPage(async (s, owner) => id(await s.session(owner))),
    ),
  ),
];

describe('access matrix: every endpoint × every role × own and other organisation', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let worlds: { A: World; B: World };
  let adminToken: string;
  let tried = 0;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule, DocumentsModule]);
    fixtures = new Fixtures(t);
    worlds = { A: await createWorld(t, 'A'), B: await createWorld(t, 'B') };
    adminToken = await login(t.http, (await createUser(t.db, 'admin', null)).username);
  }, 120_000);
  afterAll(async () => {
    console.log(`access matrix: ${tried} cases tried`);
    await t.close();
  });

  it('lists every endpoint of the API and every page, and nothing the app does not serve', () => {
    // The forms the pages post to are the one part left out (see PAGES).
    const served = discoverEndpoints(t.app)
      .filter((endpoint) => endpoint.path.startsWith('/api/') || endpoint.method === 'GET')
      .map(describeEndpoint)
      .sort();
    const listed = [...MATRIX, ...PAGES].map(describeEndpoint).sort();
    expect(served.filter((endpoint) => !listed.includes(endpoint))).toEqual([]);
    expect(listed.filter((endpoint) => !served.includes(endpoint))).toEqual([]);
  });

  it('agrees with the roles each endpoint declares', () => {
    const declared = new Map(
      discoverEndpoints(t.app).map((endpoint) => [describeEndpoint(endpoint), endpoint]),
    );
    for (const row of [...MATRIX, ...PAGES]) {
      const endpoint = declared.get(describeEndpoint(row))!;
      const roles = endpoint.isPublic ? 'anyone' : (endpoint.roles ?? 'signed-in');
      const expected = Array.isArray(roles) ? roles.filter((role) => role !== 'admin') : roles;
      expect([describeEndpoint(row), row.allowed]).toEqual([describeEndpoint(row), expected]);
    }
  });

  for (const row of [...MATRIX, ...PAGES]) {
    it(`${describeEndpoint(row)}: ${describeAllowed(row.allowed)}`, async () => {
      const failures: string[] = [];
      for (const access of accessCases(row, ORG_ROLES)) {
        const failure = await check(row, access);
        tried += 1;
        if (failure) failures.push(failure);
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }

  async function check(row: Row, access: AccessCase): Promise<string | undefined> {
    const me = worlds.A;
    const owner = access.other ? worlds.B : worlds.A;
    const source = row.fresh && access.expect === 'ok' ? fixtures.fresh : fixtures.shared;
    const request = row.record ? await row.record(source, owner, me) : {};
    // Admin sees everything; for everyone else a list leaves the other world out.
    if (row.hides && access.role !== 'admin') {
      request.hidden = await row.hides(fixtures.shared, worlds.B);
    }
    const token = await tokenOf(access.role, row.spendsToken === true);
    return sendCase(t.http, row, access, request, token);
  }

  async function tokenOf(role: Role | 'anonymous', spent: boolean) {
    if (role === 'anonymous') return undefined;
    if (role === 'admin') return spent ? login(t.http, await adminName()) : adminToken;
    const user = worlds.A.users[role];
    return spent ? login(t.http, user.username) : user.token;
  }

  async function adminName(): Promise<string> {
    const [row]: Array<{ username: string }> = await t.db.query(
      `SELECT username FROM users WHERE role = 'admin' ORDER BY created_at DESC LIMIT 1`,
    );
    return row.username;
  }
});

function describeAllowed(allowed: AccessRule['allowed']): string {
  if (allowed === 'anyone') return 'anyone';
  if (allowed === 'signed-in') return 'any signed-in user';
  return [...allowed, 'admin'].join(', ');
}
