import { BookingModule } from '../apps/booking/src/booking.module';
import { createUser, TEST_PASSWORD } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Nothing listens on port 1: Redis is "down" for this app from the start. */
describe('with Redis down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp([BookingModule], { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('is alive but not ready', async () => {
    const ready = await t.http.get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not-ready', database: 'up', redis: 'down' });
  });

  it('still serves metrics to a local scraper, without the queue depths it cannot read', async () => {
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^kotoportti_outbox_unpublished_events \d+$/m);
    expect(metrics.text).toContain('kotoportti_http_request_duration_seconds_count');
    expect(metrics.text).not.toMatch(/^kotoportti_queue_jobs\{/m);
  });

  it('still lets users sign in, unthrottled, and refuses wrong passwords with 401', async () => {
    const user = await createUser(t.db, 'admin', null);
    for (let i = 0; i < 6; i++) {
      const wrong = await t.http
        .post('/api/auth/login')
        .send({ username: user.username, password: 'wrong password' });
      expect(wrong.status).toBe(401);
    }
    const right = await t.http
      .post('/api/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(right.status).toBe(200);
  });
});
