import { createHash } from 'node:crypto';
import { BookingModule } from '../apps/booking/src/booking.module';
import { clientInput } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    const official = await signIn(t.http, t.db, 'official');
    auth = { Authorization: `Bearer ${official.token}` };
    userId = official.userId;
  });
  afterAll(() => t.close());

  const clientsNamed = async (lastName: string) =>
    Number(
      (await t.db.query(`SELECT count(*) AS n FROM clients WHERE last_name = $1`, [lastName]))[0].n,
    );

  it('replays the first answer for the same key and body and creates nothing twice', async () => {
    const body = clientInput({ lastName: 'Replay' });
    const first = await t.http
      .post('/api/clients')
      .set(auth)
      .set('Idempotency-Key', 'key-1')
      .send(body);
    const second = await t.http
      .post('/api/clients')
      .set(auth)
      .set('Idempotency-Key', 'key-1')
      .send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await clientsNamed('Replay')).toBe(1);
  });

  it('answers 422 for the same key with another body', async () => {
    await t.http
      .post('/api/clients')
      .set(auth)
      .set('Idempotency-Key', 'key-2')
      .send(clientInput({ lastName: 'First' }));
    const other = await t.http
      .post('/api/clients')
      .set(auth)
      .set('Idempotency-Key', 'key-2')
      .send(clientInput({ lastName: 'Other' }));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ statusCode: 422, code: 'idempotency-key-reused' });
    expect(await clientsNamed('Other')).toBe(0);
  });

  it('keeps keys apart per user', async () => {
    const colleague = { Authorization: `Bearer ${(await signIn(t.http, t.db, 'official')).token}` };
    const body = clientInput({ lastName: 'PerUser' });
    expect(
      (await t.http.post('/api/clients').set(auth).set('Idempotency-Key', 'shared').send(body))
        .status,
    ).toBe(201);
    expect(
      (await t.http.post('/api/clients').set(colleague).set('Idempotency-Key', 'shared').send(body))
        .status,
    ).toBe(201);
    expect(await clientsNamed('PerUser')).toBe(2);
  });

  it('lets one of many concurrent duplicates run and answers the others 409 or the replay', async () => {
    const body = clientInput({ lastName: 'Concurrent' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http.post('/api/clients').set(auth).set('Idempotency-Key', 'key-3').send(body),
      ),
    );
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const conflicts = answers.filter((a) => a.status === 409);
    for (const conflict of conflicts) expect(conflict.body.code).toBe('idempotency-in-progress');
    expect(await clientsNamed('Concurrent')).toBe(1);
  });

  it('replays a refusal as the same refusal', async () => {
    const bad = clientInput({
      lastName: 'Dup',
      personalIdentityCode: '131052-308T',
      birthDate: '1952-10-13',
    });
    expect((await t.http.post('/api/clients').set(auth).send(bad)).status).toBe(201);
    const refused = await t.http
      .post('/api/clients')
      .set(auth)
      .set('Idempotency-Key', 'key-4')
      .send(bad);
    const replayed = await t.http
      .post('/api/clients')
      .set(auth)
      .set('Idempotency-Key', 'key-4')
      .send(bad);
    expect(refused.status).toBe(409);
    expect(replayed.status).toBe(409);
    expect(replayed.body).toEqual(refused.body);
  });

  it('lets a retry run once the first request with its key was abandoned half-way', async () => {
    const body = clientInput({ lastName: 'Abandoned' });
    const hash = createHash('sha256')
      .update(`POST /api/clients\n${JSON.stringify(body)}`)
      .digest('hex');
    // What a request leaves behind when its process is killed after claiming the key.
    const claim = (key: string, age: string) =>
      t.db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, state, created_at, expires_at)
         VALUES ($1, $2, $3, 'in-progress', now() - $4::interval, now() + interval '1 day')`,
        [userId, key, hash, age],
      );
    await claim('key-6', '1 second');
    await claim('key-7', '1 minute');
    const post = (key: string) =>
      t.http.post('/api/clients').set(auth).set('Idempotency-Key', key).send(body);
    const running = await post('key-6');
    const abandoned = await post('key-7');
    expect(running.status).toBe(409);
    expect(abandoned.status).toBe(201);
    expect(await clientsNamed('Abandoned')).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    const body = clientInput({ lastName: 'Expired' });
    await t.http.post('/api/clients').set(auth).set('Idempotency-Key', 'key-5').send(body);
    await t.db.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'key-5'`,
    );
    expect(
      (await t.http.post('/api/clients').set(auth).set('Idempotency-Key', 'key-5').send(body))
        .status,
    ).toBe(201);
    expect(await clientsNamed('Expired')).toBe(2);
  });
});
