import { BookingModule } from '../apps/booking/src/booking.module';
import { flushLogLines } from '../libs/platform/src/observability/log-line';
import { clientInput } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-observability-test';
const FIRST_NAME = 'Zerihun';
const LAST_NAME = 'Observabilityson';
const IDENTITY_CODE = '131052-308T';

/** Everything the process writes to stdout and stderr while `work` runs. */
async function captureOutput(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  };
  // Request lines wait to be written together: write out earlier requests' lines first.
  flushLogLines();
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    await work();
    flushLogLines();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
  return chunks.join('');
}

function requestLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.context === 'http');
}

describe('observability', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp([BookingModule], { LOG_REQUESTS: 'true', METRICS_TOKEN });
    const official = await signIn(t.http, t.db, 'official');
    auth = { Authorization: `Bearer ${official.token}` };
  });
  afterAll(() => t.close());

  it('logs one JSON line per request with its id, and never names, identity codes or tokens', async () => {
    let clientId = '';
    const output = await captureOutput(async () => {
      const created = await t.http
        .post('/api/clients')
        .set(auth)
        .send(
          clientInput({
            firstName: FIRST_NAME,
            lastName: LAST_NAME,
            birthDate: '1952-10-13',
            personalIdentityCode: IDENTITY_CODE,
          }),
        );
      expect(created.status).toBe(201);
      clientId = created.body.id;
      expect((await t.http.get(`/api/clients/${clientId}`).set(auth)).status).toBe(200);
      const byName = await t.http.get('/api/clients').query({ q: LAST_NAME }).set(auth);
      expect(byName.body).toHaveLength(1);
      const byCode = await t.http.get('/api/clients').query({ q: IDENTITY_CODE }).set(auth);
      expect(byCode.body).toHaveLength(1);
      // A refused body that holds the name and code must not be echoed into the log either.
      const refused = await t.http
        .post('/api/clients')
        .set(auth)
        .send(clientInput({ firstName: FIRST_NAME, personalIdentityCode: IDENTITY_CODE, x: 1 }));
      expect(refused.status).toBe(400);
      const exported = await t.http.get(`/api/clients/${clientId}/export`).set(auth);
      expect(exported.text).toContain(IDENTITY_CODE);
    });

    expect(output).not.toContain(FIRST_NAME);
    expect(output).not.toContain(LAST_NAME);
    expect(output).not.toContain(IDENTITY_CODE);
    expect(output).not.toContain(auth.Authorization.slice('Bearer '.length));
    const lines = requestLines(output);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatchObject({
      level: 'log',
      message: 'request',
      method: 'GET',
      route: '/api/clients/:id',
      status: 200,
    });
    expect(lines[4]).toMatchObject({ method: 'POST', route: '/api/clients', status: 400 });
    expect(lines[5]).toMatchObject({ route: '/api/clients/:id/export', status: 200 });
    for (const line of lines) {
      expect(line.requestId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
      expect(typeof line.durationMs).toBe('number');
      expect(typeof line.timestamp).toBe('number');
    }
    expect(new Set(lines.map((line) => line.requestId)).size).toBe(6);
  });

  it('answers with the request id in X-Request-Id, and keeps a sane id the caller sent', async () => {
    const fresh = await t.http.get('/api/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.http.get('/api/health').set('X-Request-Id', 'trace-abc-12345');
    expect(given.headers['x-request-id']).toBe('trace-abc-12345');
    const hostile = await t.http
      .get('/api/health')
      .set('X-Request-Id', 'x"}<script>alert(1)</script>');
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics to the configured token only, 404 to everyone else', async () => {
    expect((await t.http.get('/metrics')).status).toBe(404);
    expect((await t.http.get('/metrics').set(auth)).status).toBe(404);
    const wrong = await t.http.get('/metrics').set('Authorization', `Bearer ${'x'.repeat(40)}`);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({ statusCode: 404, error: 'Not Found' });

    await t.http.get('/api/clients').set(auth);
    const metrics = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(
      /kotoportti_http_request_duration_seconds_count\{method="GET",route="\/api\/clients",status="200"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /kotoportti_http_request_duration_seconds_bucket\{le="0\.5",method="GET",route="\/api\/clients\/:id",status="200"\}/,
    );
    expect(metrics.text).toMatch(/kotoportti_outbox_unpublished_events \d+/);
    expect(metrics.text).toMatch(
      /kotoportti_queue_jobs\{queue="domain-events",state="waiting"\} \d+/,
    );
    expect(metrics.text).toContain('kotoportti_pdf_render_duration_seconds');
    expect(metrics.text).not.toContain(LAST_NAME);
  });

  it('counts unpublished outbox events and the age of the oldest in the backlog gauges', async () => {
    const scrape = async () =>
      (await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    // The relay publishes with FOR UPDATE SKIP LOCKED: rows this test holds locked stay
    // unpublished for as long as it wants, while the gauge (a plain count) still sees them.
    const holder = t.db.createQueryRunner();
    await holder.connect();
    try {
      let held = 0;
      for (let attempt = 0; attempt < 10 && held < 2; attempt++) {
        const ids: Array<{ id: string }> = await t.db.query(
          `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, created_at)
           VALUES ('test.event', 'test', 'x', '{}', now() - interval '1 hour'),
                  ('test.event', 'test', 'y', '{}', now() - interval '1 hour')
           RETURNING id`,
        );
        await holder.startTransaction();
        const locked: unknown[] = await holder.query(
          `SELECT id FROM outbox_events WHERE id = ANY($1::bigint[]) AND published_at IS NULL
           FOR UPDATE`,
          [ids.map((row) => row.id)],
        );
        held = locked.length;
        if (held < 2) await holder.rollbackTransaction();
      }
      expect(held).toBe(2);
      const text = await scrape();
      expect(
        Number(/^kotoportti_outbox_unpublished_events (\d+)$/m.exec(text)![1]),
      ).toBeGreaterThanOrEqual(2);
      expect(
        Number(/^kotoportti_outbox_oldest_unpublished_seconds (\S+)$/m.exec(text)![1]),
      ).toBeGreaterThanOrEqual(3600);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('is ready when the database and Redis answer and every migration is applied', async () => {
    const ready = await t.http.get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      database: 'up',
      redis: 'up',
      migrations: 'applied',
    });
  });

  it('is not ready while a migration is pending', async () => {
    const [last]: Array<{ id: number; timestamp: string; name: string }> = await t.db.query(
      `SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1`,
    );
    await t.db.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      const ready = await t.http.get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not-ready', migrations: 'pending' });
      // Liveness is not readiness: the process itself is fine and must not be restarted.
      expect((await t.http.get('/api/health')).status).toBe(200);
    } finally {
      await t.db.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
  });
});
