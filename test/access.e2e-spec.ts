import type { Role } from '@kotoportti/model';
import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §1 beyond the role matrix (which is access-matrix.e2e-spec.ts): the 404 of another
 * office's client is indistinguishable from a missing one, searches stay within the office,
 * and reads are audited in an append-only log.
 */
describe('roles and organisations', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let officeId: string;
  let clientId: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    for (const role of ['official', 'tester', 'provider', 'analyst', 'admin'] as Role[]) {
      const user = await signIn(t.http, t.db, role);
      tokens[role] = user.token;
      if (role === 'official') officeId = user.organisationId!;
    }
    clientId = await registerClient(t.http, tokens.official);
  });
  afterAll(() => t.close());

  const as = (role: Role) => ({ Authorization: `Bearer ${tokens[role]}` });

  it('answers 404 to an official of another office, as for a record that does not exist', async () => {
    const other = await signIn(t.http, t.db, 'official');
    const foreign = await t.http
      .get(`/api/clients/${clientId}`)
      .set('Authorization', `Bearer ${other.token}`);
    const missing = await t.http
      .get('/api/clients/00000000-0000-4000-8000-000000000000')
      .set(as('official'));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('leaves another office out of client search', async () => {
    const other = await signIn(t.http, t.db, 'official');
    const response = await t.http
      .get('/api/clients?q=Amina')
      .set('Authorization', `Bearer ${other.token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
    const own = await t.http.get('/api/clients?q=Amina').set(as('official'));
    expect(own.body.map((c: { id: string }) => c.id)).toContain(clientId);
    expect(own.body.every((c: { officeId: string }) => c.officeId === officeId)).toBe(true);
  });

  it('writes every read of a client to the audit log, with who and which record', async () => {
    const response = await t.http.get(`/api/clients/${clientId}`).set(as('official'));
    expect(response.status).toBe(200);
    const log = await t.http.get(`/api/audit-events?clientId=${clientId}`).set(as('admin'));
    expect(log.status).toBe(200);
    const reads = log.body.filter((e: { action: string }) => e.action === 'client.read');
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]).toMatchObject({
      actorRole: 'official',
      entityType: 'client',
      entityId: clientId,
      clientId,
    });
    expect(reads[0].requestId).toEqual(response.headers['x-request-id']);
  });

  it('keeps the audit log append-only, even for the application database user', async () => {
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(t.db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow();
  });
});
