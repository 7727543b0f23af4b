import { BookingModule } from '../apps/booking/src/booking.module';
import { createUser, signIn, TEST_PASSWORD, webSignIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('signing in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
  });
  afterAll(() => t.close());

  it('gives a bearer token for the right password and the token opens the API', async () => {
    const user = await createUser(t.db, 'admin', null);
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username: user.username, role: 'admin' });
    expect(login.body.user.passwordHash).toBeUndefined();
    const list = await t.http
      .get('/api/organisations')
      .set('Authorization', `Bearer ${login.body.token}`);
    expect(list.status).toBe(200);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const user = await createUser(t.db, 'admin', null);
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ username: user.username, password: 'wrong password!' });
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ username: 'nobody-here', password: TEST_PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'unauthenticated',
    });
  });

  it('stores passwords as argon2id hashes only', async () => {
    const user = await createUser(t.db, 'admin', null);
    const [row] = await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses requests without a token, with a bad token and after logout', async () => {
    expect((await t.http.get('/api/organisations')).status).toBe(401);
    expect(
      (
        await t.http
          .get('/api/organisations')
          .set('Authorization', 'Bearer not-a-real-token-at-all-123')
      ).status,
    ).toBe(401);
    const admin = await signIn(t.http, t.db, 'admin');
    const auth = { Authorization: `Bearer ${admin.token}` };
    expect((await t.http.post('/api/auth/logout').set(auth)).status).toBe(204);
    expect((await t.http.get('/api/organisations').set(auth)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const admin = await signIn(t.http, t.db, 'admin');
    await t.db.query(
      `UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [admin.userId],
    );
    const response = await t.http
      .get('/api/organisations')
      .set('Authorization', `Bearer ${admin.token}`);
    expect(response.status).toBe(401);
  });

  it('refuses a token revoked by another process within TOKEN_CACHE_MS', async () => {
    const admin = await signIn(t.http, t.db, 'admin');
    const ask = () =>
      t.http.get('/api/organisations').set('Authorization', `Bearer ${admin.token}`);
    expect((await ask()).status).toBe(200);
    // Another service's logout: the row is revoked, this process is not told.
    await t.db.query(`UPDATE auth_tokens SET revoked_at = now() WHERE user_id = $1`, [
      admin.userId,
    ]);
    const revokedAt = Date.now();
    let status = (await ask()).status;
    while (status === 200 && Date.now() - revokedAt < t.config.tokenCacheMs + 1000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await ask()).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(t.config.tokenCacheMs + 500);
  });

  it('signs in on the web page with a session cookie and CSRF token', async () => {
    const user = await createUser(t.db, 'official', null).catch(() => undefined);
    expect(user).toBeUndefined(); // an official must belong to an office: the database refuses it
    const admin = await createUser(t.db, 'admin', null);
    const page = await t.http.get('/login');
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookies = page.headers['set-cookie'] as unknown as string[];
    const withoutCsrf = await t.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ username: admin.username, password: TEST_PASSWORD });
    expect(withoutCsrf.status).toBe(400);
    const signedIn = await t.http
      .post('/login')
      .set('Cookie', cookies)
      .type('form')
      .send({ username: admin.username, password: TEST_PASSWORD, _csrf: csrf });
    expect(signedIn.status).toBe(303);
    const session = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('kp_session='),
    )!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    const home = await t.http.get('/login').set('Cookie', session.split(';')[0]);
    expect(home.text).toContain('Test admin');
  });

  it('refuses a change made with the session cookie alone, without the CSRF token', async () => {
    const admin = await createUser(t.db, 'admin', null);
    const session = (await webSignIn(t.http, admin.username)).split(';')[0];
    const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(
      (await t.http.get('/login').set('Cookie', session)).text,
    )![1];
    const organisation = { kind: 'region', name: 'Lapin ELY' };
    const forged = await t.http
      .post('/api/organisations')
      .set('Cookie', session)
      .send(organisation);
    expect(forged.status).toBe(403);
    const genuine = await t.http
      .post('/api/organisations')
      .set('Cookie', session)
      .set('X-CSRF-Token', sessionCsrf)
      .send(organisation);
    expect(genuine.status).toBe(201);
  });
});
