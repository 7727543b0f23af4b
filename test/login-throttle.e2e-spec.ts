import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { BookingModule } from '../apps/booking/src/booking.module';
import { createUser, TEST_PASSWORD } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const PER_USER = 4;
const PER_ADDRESS = 10;

describe('sign-in rate limit', () => {
  const prefix = `kp-test-throttle-${randomBytes(4).toString('hex')}`;
  const env = {
    QUEUE_PREFIX: prefix,
    LOGIN_MAX_FAILURES_PER_USER: String(PER_USER),
    LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
    LOGIN_WINDOW_MINUTES: '15',
  };
  let t: TestApp;
  let redis: Redis;
  let address = 0;
  /** A fresh client address per test (X-Forwarded-For from loopback is trusted). */
  const nextAddress = () => `198.51.100.${++address}`;

  beforeAll(async () => {
    t = await startTestApp([BookingModule], env);
    redis = new Redis(t.config.redisUrl);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  function login(app: TestApp, username: string, password: string, from: string) {
    return app.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', from)
      .send({ username, password });
  }

  it('refuses a username after too many failures, even with the right password', async () => {
    const user = await createUser(t.db, 'admin', null);
    const from = nextAddress();
    for (let i = 0; i < PER_USER; i++) {
      expect((await login(t, user.username, 'wrong password', from)).status).toBe(401);
    }
    const refused = await login(t, user.username, TEST_PASSWORD, from);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'too-many-login-attempts',
      message: 'Too many failed sign-ins; try again later',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused.body.details.retryAfterSeconds).toBe(retryAfter);
    // The limit is on the name, whatever its case and from whichever address.
    const elsewhere = await login(t, user.username.toUpperCase(), TEST_PASSWORD, nextAddress());
    expect(elsewhere.status).toBe(429);
    // Another user from the same address is not affected.
    const other = await createUser(t.db, 'admin', null);
    expect((await login(t, other.username, TEST_PASSWORD, from)).status).toBe(200);
  });

  it('lets the user in again once the window has passed', async () => {
    const user = await createUser(t.db, 'admin', null);
    const from = nextAddress();
    for (let i = 0; i < PER_USER; i++) await login(t, user.username, 'wrong password', from);
    expect((await login(t, user.username, TEST_PASSWORD, from)).status).toBe(429);
    // Stand-in for waiting 15 minutes: let every counter of this test expire now.
    const keys = await redis.keys(`${prefix}:login-failures:*`);
    await Promise.all(keys.map((key) => redis.pexpire(key, 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await login(t, user.username, TEST_PASSWORD, from)).status).toBe(200);
  });

  it('forgets a username’s failures after a successful sign-in', async () => {
    const user = await createUser(t.db, 'admin', null);
    const from = nextAddress();
    for (let i = 0; i < PER_USER - 1; i++) await login(t, user.username, 'wrong password', from);
    expect((await login(t, user.username, TEST_PASSWORD, from)).status).toBe(200);
    for (let i = 0; i < PER_USER - 1; i++) await login(t, user.username, 'wrong password', from);
    expect((await login(t, user.username, TEST_PASSWORD, from)).status).toBe(200);
  });

  it('refuses an address that tried too many usernames, and no other address', async () => {
    const from = nextAddress();
    for (let i = 0; i < PER_ADDRESS; i++) {
      const response = await login(t, `nobody-${i}-${randomBytes(3).toString('hex')}`, 'x', from);
      expect(response.status).toBe(401);
    }
    const user = await createUser(t.db, 'admin', null);
    const refused = await login(t, user.username, TEST_PASSWORD, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(t, user.username, TEST_PASSWORD, nextAddress())).status).toBe(200);
  });

  it('holds across services: failures counted by one count in another', async () => {
    const second = await startTestApp([BookingModule], env);
    try {
      const user = await createUser(t.db, 'admin', null);
      for (let i = 0; i < PER_USER; i++) {
        await login(i % 2 ? t : second, user.username, 'wrong password', nextAddress());
      }
      expect((await login(t, user.username, TEST_PASSWORD, nextAddress())).status).toBe(429);
      expect((await login(second, user.username, TEST_PASSWORD, nextAddress())).status).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('answers the web sign-in form with 429 and a message too', async () => {
    const user = await createUser(t.db, 'admin', null);
    const from = nextAddress();
    for (let i = 0; i < PER_USER; i++) await login(t, user.username, 'wrong password', from);
    const page = await t.http.get('/login').set('X-Forwarded-For', from);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const response = await t.http
      .post('/login')
      .set('X-Forwarded-For', from)
      .set('Cookie', page.headers['set-cookie'] as unknown as string[])
      .type('form')
      .send({ username: user.username, password: TEST_PASSWORD, _csrf: csrf });
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^kp_session=/)]),
    );
    expect(response.text).toMatch(/Liian monta|Too many|För många/);
  });

  it('keeps no username in Redis, only a hash of it', async () => {
    const user = await createUser(t.db, 'admin', null);
    await login(t, user.username, 'wrong password', nextAddress());
    const keys = await redis.keys(`${prefix}:login-failures:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain(user.username);
  });
});
