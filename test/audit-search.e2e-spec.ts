import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

interface AuditRow {
  action: string;
  clientId: string | null;
  actorUserId: string | null;
  at: string;
}

describe('audit log search', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let officialA: Awaited<ReturnType<typeof signIn>>;
  let officialB: Awaited<ReturnType<typeof signIn>>;
  let clientA: string;
  let clientB: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    admin = await signIn(t.http, t.db, 'admin');
    officialA = await signIn(t.http, t.db, 'official');
    officialB = await signIn(t.http, t.db, 'official');
    clientA = await registerClient(t.http, officialA.token);
    clientB = await registerClient(t.http, officialB.token, { firstName: 'Olga' });
    await t.http.get('/api/clients').query({ q: 'Amina' }).set(bearer(officialA.token));
    await t.http.get(`/api/clients/${clientA}`).set(bearer(officialA.token));
    await t.http.get(`/api/clients/${clientA}/export`).set(bearer(officialA.token));
    await t.http.get(`/api/clients/${clientB}`).set(bearer(officialB.token));
  });
  afterAll(() => t.close());

  async function search(query: Record<string, string>) {
    const response = await t.http.get('/api/audit-events').query(query).set(bearer(admin.token));
    expect(response.status).toBe(200);
    return response.body as AuditRow[];
  }

  it('finds every read and write of one client, newest first, lists that showed it too', async () => {
    const rows = await search({ clientId: clientA });
    expect(rows.map((row) => row.action)).toEqual([
      'client.export',
      'client.read',
      'client.search',
      'client.create',
    ]);
    expect(rows.filter((row) => row.clientId === clientA)).toHaveLength(3);
    const other = await search({ clientId: clientB });
    expect(other.map((row) => row.action)).toEqual(['client.read', 'client.create']);
  });

  it('finds what one user did', async () => {
    const rows = await search({ userId: officialB.userId });
    expect(rows.some((row) => row.clientId === clientA)).toBe(false);
    expect(rows.map((row) => row.action)).toEqual(['client.read', 'client.create']);
    expect(rows.every((row) => row.actorUserId === officialB.userId)).toBe(true);
  });

  it('narrows to a time window, from inclusive and to exclusive', async () => {
    const all = await search({ clientId: clientA });
    const created = all[all.length - 1];
    const atCreation = await search({ clientId: clientA, from: created.at, to: created.at });
    expect(atCreation).toEqual([]);
    const fromCreation = await search({ clientId: clientA, from: created.at });
    expect(fromCreation).toHaveLength(4);
    const future = await search({ clientId: clientA, from: '2999-01-01T00:00:00Z' });
    expect(future).toEqual([]);
    const beforeCreation = await search({ clientId: clientA, to: created.at });
    expect(beforeCreation).toEqual([]);
  });

  it('answers 400 naming the field for bad filters', async () => {
    for (const [query, field] of [
      [{ clientId: 'nope' }, 'clientId'],
      [{ userId: '1; DROP TABLE users' }, 'userId'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-13-45' }, 'to'],
      [{ from: '2026-06-01', to: '2026-05-01' }, 'to'],
      [{ limit: '100000' }, 'limit'],
    ] as const) {
      const response = await t.http.get('/api/audit-events').query(query).set(bearer(admin.token));
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('is for admins only', async () => {
    for (const role of ['official', 'tester', 'provider', 'analyst'] as const) {
      const user = await signIn(t.http, t.db, role);
      const response = await t.http
        .get('/api/audit-events')
        .query({ clientId: clientA })
        .set(bearer(user.token));
      expect(response.status).toBe(403);
    }
  });
});
