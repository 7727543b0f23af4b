import type { OrganisationKind, Role } from '@kotoportti/model';
import { hashPassword } from '@kotoportti/platform';
import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

export const TEST_PASSWORD = 'correct horse battery staple';

const unique = () => randomBytes(4).toString('hex');

export async function createOrganisation(
  db: DataSource,
  kind: OrganisationKind,
  fields: { name?: string; regionId?: string; language?: 'fi' | 'sv' } = {},
): Promise<string> {
  let regionId = fields.regionId ?? null;
  if (kind === 'employment-office' && !regionId) regionId = await createOrganisation(db, 'region');
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO organisations (kind, name, language, region_id, phone, email)
     VALUES ($1, $2, $3, $4, '+358 29 500 0000', 'office@example.fi') RETURNING id`,
    [kind, fields.name ?? `${kind} ${unique()}`, fields.language ?? 'fi', regionId],
  );
  return rows[0].id;
}

let passwordHash: Promise<string> | undefined;

export async function createUser(
  db: DataSource,
  role: Role,
  organisationId: string | null,
): Promise<{ id: string; username: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `${role}-${unique()}`;
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [username, await passwordHash, `Test ${role}`, role, organisationId],
  );
  return { id: rows[0].id, username };
}

export async function login(http: TestAgent, username: string): Promise<string> {
  const response = await http.post('/api/auth/login').send({ username, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login of ${username} gave ${response.status}`);
  return (response.body as { token: string }).token;
}

/** A signed-in user of a role, in a fresh organisation of the kind that role belongs to. */
export async function signIn(
  http: TestAgent,
  db: DataSource,
  role: Role,
  organisationId?: string,
): Promise<{ token: string; userId: string; organisationId: string | null }> {
  const kindOf: Record<Role, OrganisationKind | null> = {
    official: 'employment-office',
    tester: 'test-centre',
    provider: 'course-provider',
    analyst: 'region',
    admin: null,
  };
  const kind = kindOf[role];
  const orgId = organisationId ?? (kind ? await createOrganisation(db, kind) : null);
  const user = await createUser(db, role, orgId);
  return { token: await login(http, user.username), userId: user.id, organisationId: orgId };
}

/**
 * Signs in on the web page as a browser does (the form with its CSRF token); gives the
 * session cookie's Set-Cookie line as the browser received it.
 */
export async function webSignIn(http: TestAgent, username: string): Promise<string> {
  const page = await http.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const signedIn = await http
    .post('/login')
    .set('Cookie', page.headers['set-cookie'] as unknown as string[])
    .type('form')
    .send({ username, password: TEST_PASSWORD, _csrf: csrf });
  if (signedIn.status !== 303) throw new Error(`web sign-in answered ${signedIn.status}`);
  return (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
    c.startsWith('kp_session='),
  )!;
}
