import { loadConfig } from '@kotoportti/platform';
import { BookingModule } from '../apps/booking/src/booking.module';
import { createUser, TEST_PASSWORD, webSignIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const TTL_MINUTES = 7;

describe('expiry of bearer tokens and session cookies', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No reuse of resolved tokens: these tests expire tokens in the database and ask at once.
    t = await startTestApp([BookingModule], {
      SESSION_TTL_MINUTES: String(TTL_MINUTES),
      TOKEN_CACHE_MS: '0',
    });
  });
  afterAll(() => t.close());

  async function expireTokensOf(userId: string, kind: 'api' | 'web') {
    await t.db.query(
      `UPDATE auth_tokens SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND kind = $2`,
      [userId, kind],
    );
  }

  it('issues bearer tokens that expire after SESSION_TTL_MINUTES', async () => {
    const user = await createUser(t.db, 'admin', null);
    const before = Date.now();
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const expiresAt = new Date(login.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + TTL_MINUTES * 60_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + TTL_MINUTES * 60_000 + 1000);
    const [row]: Array<{ expires_at: Date }> = await t.db.query(
      `SELECT expires_at FROM auth_tokens WHERE user_id = $1 AND kind = 'api'`,
      [user.id],
    );
    expect(row.expires_at.getTime()).toBe(expiresAt);
  });

  it('refuses a bearer token once it has expired, and only then', async () => {
    const user = await createUser(t.db, 'admin', null);
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.token}` };
    await t.db.query(
      `UPDATE auth_tokens SET expires_at = now() + interval '5 seconds' WHERE user_id = $1`,
      [user.id],
    );
    expect((await t.http.get('/api/organisations').set(auth)).status).toBe(200);
    await expireTokensOf(user.id, 'api');
    const expired = await t.http.get('/api/organisations').set(auth);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
  });

  it('sets the session cookie HttpOnly, SameSite and with the same lifetime', async () => {
    const user = await createUser(t.db, 'admin', null);
    const cookie = await webSignIn(t.http, user.username);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${TTL_MINUTES * 60}(;|$)`));
    const [row]: Array<{ expires_at: Date; created_at: Date }> = await t.db.query(
      `SELECT expires_at, created_at FROM auth_tokens WHERE user_id = $1 AND kind = 'web'`,
      [user.id],
    );
    const lifetimeMs = row.expires_at.getTime() - row.created_at.getTime();
    expect(Math.abs(lifetimeMs - TTL_MINUTES * 60_000)).toBeLessThan(2000);
  });

  it('ends the web session on the server when it expires, whatever the browser keeps', async () => {
    const user = await createUser(t.db, 'admin', null);
    const cookie = (await webSignIn(t.http, user.username)).split(';')[0];
    const signedIn = await t.http.get('/login').set('Cookie', cookie);
    expect(signedIn.text).toContain('Test admin');
    expect((await t.http.get('/api/organisations').set('Cookie', cookie)).status).toBe(200);

    await expireTokensOf(user.id, 'web');
    const page = await t.http.get('/login').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Test admin');
    expect(page.text).toMatch(/name="password"/);
    expect((await t.http.get('/api/organisations').set('Cookie', cookie)).status).toBe(401);
  });

  it('does not accept a web session cookie as a bearer token, nor the reverse', async () => {
    const user = await createUser(t.db, 'admin', null);
    const cookieToken = (await webSignIn(t.http, user.username)).split(';')[0].split('=')[1];
    const asBearer = await t.http
      .get('/api/organisations')
      .set('Authorization', `Bearer ${cookieToken}`);
    expect(asBearer.status).toBe(401);
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD });
    const asCookie = await t.http
      .get('/api/organisations')
      .set('Cookie', `kp_session=${login.body.token}`);
    expect(asCookie.status).toBe(401);
  });

  it('refuses SESSION_TTL_MINUTES that is not a whole number of minutes in range', () => {
    expect(() => loadConfig({ SESSION_TTL_MINUTES: '0' })).toThrow(/SESSION_TTL_MINUTES/);
    expect(() => loadConfig({ SESSION_TTL_MINUTES: '1.5' })).toThrow(/SESSION_TTL_MINUTES/);
    expect(loadConfig({ SESSION_TTL_MINUTES: '30' }).sessionTtlMinutes).toBe(30);
  });
});
