import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { DocumentsModule } from '../apps/documents/src/documents.module';
import { QueueModule } from '../apps/queue/src/queue.module';
import { clientInput, registerClient } from './support/clients';
import { courseInput, publishCourse } from './support/courses';
import { createUser, login, signIn } from './support/factories';
import { describeEndpoint, discoverEndpoints, Endpoint } from './support/endpoints';
import { casesFor, HostileCase } from './support/hostile-corpus';
import { runCase } from './support/hostile-runner';
import { targetedCases, ValidRequest } from './support/hostile-targets';
import { tableChecksums } from './support/table-checksum';
import { createSession, sessionInput } from './support/test-bookings';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Tables a refused request may rightly touch: the audit log records attempts on a person's
 * data, and logout (probed like the rest) spends the token it is given.
 */
const MAY_CHANGE = ['audit_events', 'auth_tokens'];

/** The sign-out page ends whatever session it is called with. */
const NOT_PROBED = ['/logout'];

/**
 * Issue 9: every endpoint the app serves, found at run time, gets the hostile corpus; each
 * answer is 4xx in the error shape of SPEC §4 (or, where the input is legitimate, at least
 * not 5xx), and no table changes.
 */
describe('hostile input against every endpoint', () => {
  let t: TestApp;
  const users = {} as Record<
    Role,
    { username: string; token: string; organisationId: string | null }
  >;
  let clientId: string;
  let officeId: string;
  let regionId: string;
  let tried = 0;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule, DocumentsModule]);
    for (const role of ['official', 'tester', 'provider', 'analyst'] as Role[]) {
      const user = await signIn(t.http, t.db, role);
      const row: Array<{ username: string }> = await t.db.query(
        `SELECT username FROM users WHERE id = $1`,
        [user.userId],
      );
      users[role] = {
        username: row[0].username,
        token: user.token,
        organisationId: user.organisationId,
      };
    }
    const admin = await createUser(t.db, 'admin', null);
    users.admin = { ...admin, token: await login(t.http, admin.username), organisationId: null };
    officeId = users.official.organisationId!;
    const office: Array<{ region_id: string }> = await t.db.query(
      `SELECT region_id FROM organisations WHERE id = $1`,
      [officeId],
    );
    regionId = office[0].region_id;
    // Some data, so that "nothing changed" compares more than empty tables.
    clientId = await registerClient(t.http, users.official.token);
    await createSession(t.http, users.tester.token);
    await publishCourse(t.http, users.provider.token);
  }, 120_000);
  afterAll(async () => {
    console.log(`hostile input: ${tried} cases tried`);
    await t.close();
  });

  /** The role that may call the endpoint, so the request gets past the guard to the pipes. */
  const callerOf = (endpoint: Endpoint): Role =>
    endpoint.roles?.find((role) => role !== 'admin') ?? 'admin';

  /** The API and the web pages. */
  const endpoints = (): Endpoint[] =>
    discoverEndpoints(t.app).filter((endpoint) => !NOT_PROBED.includes(endpoint.path));

  it('finds the endpoints of all three services', () => {
    const found = endpoints().map(describeEndpoint);
    expect(found).toEqual(
      expect.arrayContaining([
        'POST /api/clients',
        'GET /api/waiting-lists/entries',
        'POST /api/letters/batch',
        'GET /clients/:id',
      ]),
    );
    expect(found.length).toBeGreaterThan(80);
  });

  /** Bodies each creating endpoint accepts; the targeted cases spoil one field at a time. */
  let valid: Record<string, ValidRequest>;
  beforeAll(() => {
    valid = {
      'POST /api/clients': { url: '/api/clients', body: clientInput() },
      'POST /api/clients/:id/consents': {
        url: `/api/clients/${clientId}/consents`,
        body: { givenAt: new Date(Date.now() - 60_000).toISOString(), method: 'written' },
      },
      'POST /api/test-sessions': { url: '/api/test-sessions', body: sessionInput() },
      'POST /api/courses': { url: '/api/courses', body: courseInput() },
      'POST /api/organisations': {
        url: '/api/organisations',
        body: { kind: 'employment-office', name: 'TE-palvelut Uusimaa', regionId: regionId },
      },
      'POST /api/users': {
        url: '/api/users',
        body: {
          username: 'new.official',
          password: 'a long enough passphrase',
          displayName: 'Uusi Virkailija',
          role: 'official',
          organisationId: officeId,
        },
      },
    };
  });

  it('starts the targeted cases from bodies the API would accept', async () => {
    const byName = new Map(endpoints().map((endpoint) => [describeEndpoint(endpoint), endpoint]));
    for (const [name, request] of Object.entries(valid)) {
      const dto = byName.get(name)?.body;
      expect(dto).toBeDefined();
      const errors = await validate(plainToInstance(dto!, request.body) as object, {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      expect(errors.map((error) => error.property)).toEqual([]);
    }
  });

  it('answers every hostile request with 4xx in the error shape and changes nothing', async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints()) {
      // An endpoint any signed-in user may call is logout, which spends its token.
      const spends = !endpoint.roles && !endpoint.isPublic;
      const caller = users[callerOf(endpoint)];
      const token = spends ? await login(t.http, caller.username) : caller.token;
      const cases: HostileCase[] = [
        ...casesFor(endpoint),
        ...(valid[describeEndpoint(endpoint)]
          ? targetedCases(endpoint, valid[describeEndpoint(endpoint)])
          : []),
      ];
      const before = await tableChecksums(t.db, MAY_CHANGE);
      for (const hostile of cases) {
        const failure = await runCase(t.http, token, hostile);
        tried += 1;
        if (failure) failures.push(`${describeEndpoint(endpoint)} [${hostile.label}]: ${failure}`);
      }
      const after = await tableChecksums(t.db, MAY_CHANGE);
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      if (changed.length)
        failures.push(`${describeEndpoint(endpoint)} changed ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(1000);
  }, 600_000);
});
