import { BookingModule } from '../apps/booking/src/booking.module';
import { clientInput } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const SHAPE = { statusCode: 400, error: 'Bad Request' };

describe('bad input', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    auth = { Authorization: `Bearer ${(await signIn(t.http, t.db, 'official')).token}` };
  });
  afterAll(() => t.close());

  const countClients = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM clients`))[0].n);

  it('answers malformed JSON with 400 in the error shape and stores nothing', async () => {
    const before = await countClients();
    const response = await t.http
      .post('/api/clients')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"firstName": "A",');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ ...SHAPE, code: 'malformed-json' });
    expect(await countClients()).toBe(before);
  });

  it('names an unknown field', async () => {
    const response = await t.http
      .post('/api/clients')
      .set(auth)
      .send(clientInput({ isAdmin: true }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ ...SHAPE, code: 'invalid-input' });
    expect(response.body.details).toEqual([
      { field: 'isAdmin', problems: [expect.stringContaining('should not exist')] },
    ]);
  });

  it('names each field of the wrong type or value', async () => {
    const before = await countClients();
    const response = await t.http
      .post('/api/clients')
      .set(auth)
      .send(clientInput({ firstName: 42, birthDate: '2027-02-30', targetLanguage: 'en' }));
    expect(response.status).toBe(400);
    const fields = (response.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['birthDate', 'firstName', 'targetLanguage']);
    expect(response.body.message).toContain('birthDate');
    expect(await countClients()).toBe(before);
  });

  it('refuses a malformed personal identity code and one that disagrees with the birth date', async () => {
    const bad = await t.http
      .post('/api/clients')
      .set(auth)
      .send(clientInput({ personalIdentityCode: '131052-308U', birthDate: '1952-10-13' }));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('personalIdentityCode');
    const mismatch = await t.http
      .post('/api/clients')
      .set(auth)
      .send(clientInput({ personalIdentityCode: '131052-308T', birthDate: '1953-10-13' }));
    expect(mismatch.status).toBe(400);
  });

  it('refuses control and direction-override characters in names', async () => {
    const response = await t.http
      .post('/api/clients')
      .set(auth)
      .send(clientInput({ lastName: 'Hassan\u202Egnp.exe' }));
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('lastName');
  });

  it('answers a body over the limit with 413 in the error shape', async () => {
    const response = await t.http
      .post('/api/clients')
      .set(auth)
      .send(clientInput({ city: 'x'.repeat(200_000) }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'payload-too-large' });
  });

  it('names a route id that is not a UUID', async () => {
    const response = await t.http.get('/api/clients/../../etc/passwd').set(auth);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const notUuid = await t.http.get('/api/clients/123').set(auth);
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.details[0].field).toBe('id');
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await t.http.get('/api/nothing-here').set(auth);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'not-found' });
  });
});
