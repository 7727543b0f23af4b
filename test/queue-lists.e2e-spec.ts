import { BookingModule } from '../apps/booking/src/booking.module';
import { QueueSnapshotsService } from '../apps/queue/src/snapshots/queue-snapshots.service';
import { QueueModule } from '../apps/queue/src/queue.module';
import { daysFromToday } from './support/courses';
import { signIn } from './support/factories';
import { liveEntry, settle, testedClient, type User } from './support/queue';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

interface EntryView {
  clientId: string | null;
  firstName: string | null;
  position: number;
  queueLength: number;
  waitingDays: number;
  priority: boolean;
  level: string;
}

describe('waiting lists over HTTP', () => {
  let t: TestApp;
  let official: User;
  let colleague: User;
  let neighbour: User;
  let tester: User;
  let analyst: User;
  let regionId: string;
  /** Clients of one queue (fi, slow, A2.2), in the order they must come out. */
  const queue: string[] = [];

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule]);
    official = await signIn(t.http, t.db, 'official');
    [{ region_id: regionId }] = await t.db.query(
      `SELECT region_id FROM organisations WHERE id = $1`,
      [official.organisationId],
    );
    colleague = await signIn(t.http, t.db, 'official', official.organisationId!);
    // Another office of the same region.
    const [{ id: neighbourOffice }] = await t.db.query(
      `INSERT INTO organisations (kind, name, region_id) VALUES ('employment-office', 'Naapuri', $1) RETURNING id`,
      [regionId],
    );
    neighbour = await signIn(t.http, t.db, 'official', neighbourOffice);
    tester = await signIn(t.http, t.db, 'tester');
    analyst = await signIn(t.http, t.db, 'analyst');
    const slowA22 = { level: 'A2.2' as const, pace: 'slow' as const };
    // Tested 20, 10 (neighbour's client), 10 and 5 days ago; the two of day 10 tie on the day.
    queue.push((await testedClient(t, official, tester, { ...slowA22, daysAgo: 20 })).clientId);
    queue.push((await testedClient(t, neighbour, tester, { ...slowA22, daysAgo: 10 })).clientId);
    queue.push((await testedClient(t, official, tester, { ...slowA22, daysAgo: 10 })).clientId);
    queue.push((await testedClient(t, official, tester, { ...slowA22, daysAgo: 5 })).clientId);
    await settle(t);
  });
  afterAll(() => t.close());

  const get = (path: string, user: User) => t.http.get(path).set(bearer(user.token));
  const entries = async (query: string, user = official) => {
    const response = await get(`/api/waiting-lists/entries?${query}`, user);
    expect(response.status).toBe(200);
    return response.body as EntryView[];
  };

  it('orders a queue by the day the wait began, ties by the time of the result', async () => {
    const rows = await entries('targetLanguage=fi&pace=slow&level=A2.2&scope=region');
    expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4]);
    expect(rows.map((row) => row.queueLength)).toEqual([4, 4, 4, 4]);
    expect(rows.map((row) => row.waitingDays)).toEqual([20, 10, 10, 5]);
    // The neighbour office's client keeps its place but shows no name or id.
    expect(rows.map((row) => row.clientId)).toEqual([queue[0], null, queue[2], queue[3]]);
    expect(rows[1].firstName).toBeNull();
  });

  it('lists only the office’s own clients by default, with their positions in the whole queue', async () => {
    const rows = await entries('targetLanguage=fi&pace=slow&level=A2.2');
    expect(rows.map((row) => [row.clientId, row.position])).toEqual([
      [queue[0], 1],
      [queue[2], 3],
      [queue[3], 4],
    ]);
    const audit = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'waiting-list.read' AND actor_user_id = $1
        ORDER BY at DESC LIMIT 1`,
      [official.userId],
    );
    expect(audit[0].details.clientIds).toEqual([queue[0], queue[2], queue[3]]);
  });

  it('puts a priority client first, shows the reason, and audits the change of order', async () => {
    const entry = await liveEntry(t, queue[3]);
    const response = await t.http
      .post(`/api/waiting-lists/entries/${entry!.id}/priority`)
      .set(bearer(colleague.token))
      .send({ priority: true, reason: 'Integration period ends in March' });
    expect(response.status).toBe(200);
    const rows = await entries('targetLanguage=fi&pace=slow&level=A2.2');
    expect(rows[0]).toMatchObject({
      clientId: queue[3],
      position: 1,
      priority: true,
      priorityReason: 'Integration period ends in March',
    });
    const audit = await t.db.query(
      `SELECT actor_user_id, details FROM audit_events WHERE action = 'waiting-list.priority' AND entity_id = $1`,
      [entry!.id],
    );
    expect(audit).toEqual([
      {
        actor_user_id: colleague.userId,
        details: { from: false, to: true, reason: 'Integration period ends in March' },
      },
    ]);
    const position = await get(`/api/clients/${queue[2]}/queue-position`, official);
    expect(position.body).toMatchObject({ status: 'waiting', position: 4, queueLength: 4 });

    await t.http
      .post(`/api/waiting-lists/entries/${entry!.id}/priority`)
      .set(bearer(colleague.token))
      .send({ priority: false, reason: 'Period extended' });
    const after = await get(`/api/clients/${queue[3]}/queue-position`, official);
    expect(after.body).toMatchObject({ position: 4, priority: false });
  });

  it('refuses priority without a reason, naming the field, and changes nothing', async () => {
    const entry = await liveEntry(t, queue[0]);
    const response = await t.http
      .post(`/api/waiting-lists/entries/${entry!.id}/priority`)
      .set(bearer(official.token))
      .send({ priority: true });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'reason', problems: expect.any(Array) }]);
    expect((await liveEntry(t, queue[0]))!).toMatchObject({ status: 'waiting' });
    const [{ priority }] = await t.db.query(
      `SELECT priority FROM waiting_list_entries WHERE id = $1`,
      [entry!.id],
    );
    expect(priority).toBe(false);
  });

  it('tells a client’s place in the queue, and answers 404 for another office’s client', async () => {
    const response = await get(`/api/clients/${queue[0]}/queue-position`, official);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'waiting',
      targetLanguage: 'fi',
      pace: 'slow',
      level: 'A2.2',
      position: 1,
      queueLength: 4,
      waitingSince: daysFromToday(-20),
      waitingDays: 20,
      openOffers: [],
    });
    expect((await get(`/api/clients/${queue[1]}/queue-position`, official)).status).toBe(404);
    const audited = await t.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'waiting-list.position.read' AND client_id = $1`,
      [queue[0]],
    );
    expect(audited).toHaveLength(1);
  });

  it('removes a client with a reason, and refuses to remove them twice with 409', async () => {
    const { clientId } = await testedClient(t, official, tester, { level: 'B1.1' });
    await settle(t);
    const entry = await liveEntry(t, clientId);
    const path = `/api/waiting-lists/entries/${entry!.id}/remove`;
    expect(
      (await t.http.post(path).set(bearer(neighbour.token)).send({ reason: 'x' })).status,
    ).toBe(404);
    const removed = await t.http
      .post(path)
      .set(bearer(official.token))
      .send({ reason: 'Moved abroad' });
    expect(removed.status).toBe(200);
    expect(await liveEntry(t, clientId)).toMatchObject({
      status: 'removed',
      end_reason: 'Moved abroad',
    });
    const again = await t.http
      .post(path)
      .set(bearer(official.token))
      .send({ reason: 'Moved abroad' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('entry-not-waiting');
  });

  it('gives the overview with length, oldest date and median and 90th-percentile waits', async () => {
    for (const user of [official, analyst]) {
      const response = await get(`/api/waiting-lists?targetLanguage=fi&pace=slow&level=A2.2`, user);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        {
          targetLanguage: 'fi',
          pace: 'slow',
          level: 'A2.2',
          regionId,
          regionName: expect.any(String),
          length: 4,
          oldestSince: daysFromToday(-20),
          medianWaitDays: 10,
          p90WaitDays: 17,
        },
      ]);
    }
  });

  it('answers 400 naming the field for a bad filter', async () => {
    const response = await get(`/api/waiting-lists?level=A9&regionId=nope`, official);
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'level',
      'regionId',
    ]);
    const entriesResponse = await get(`/api/waiting-lists/entries?limit=0&scope=world`, official);
    expect(entriesResponse.status).toBe(400);
    expect(entriesResponse.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'limit',
      'scope',
    ]);
  });

  it('keeps testers and providers out, and analysts away from named lists', async () => {
    const provider = await signIn(t.http, t.db, 'provider');
    expect((await get('/api/waiting-lists', tester)).status).toBe(403);
    expect((await get('/api/waiting-lists', provider)).status).toBe(403);
    expect((await get('/api/waiting-lists/entries', analyst)).status).toBe(403);
    expect((await get(`/api/clients/${queue[0]}/queue-position`, analyst)).status).toBe(403);
    expect((await t.http.get('/api/waiting-lists')).status).toBe(401);
  });

  it('takes a daily snapshot of every queue, idempotently, with emptied queues at zero', async () => {
    const snapshots = t.app.get(QueueSnapshotsService);
    const yesterday = daysFromToday(-1);
    const today = daysFromToday(0);
    await snapshots.take(yesterday);
    await snapshots.take(yesterday);
    // A queue that had clients yesterday and has none today.
    await t.db.query(
      `INSERT INTO queue_snapshots (day, target_language, pace, level, region_id, length)
       VALUES ($1, 'sv', 'fast', 'C1.1', $2, 3)`,
      [yesterday, regionId],
    );
    await snapshots.take(today);
    const response = await get(
      `/api/waiting-lists/snapshots?from=${yesterday}&to=${today}`,
      analyst,
    );
    expect(response.status).toBe(200);
    const rows = response.body as Array<Record<string, unknown>>;
    const slow = rows.filter((row) => row.pace === 'slow' && row.level === 'A2.2');
    expect(slow.map((row) => [row.day, row.length])).toEqual([
      [yesterday, 4],
      [today, 4],
    ]);
    expect(rows.find((row) => row.day === today && row.level === 'C1.1')).toMatchObject({
      length: 0,
      medianWaitDays: null,
    });
    const bad = await get(`/api/waiting-lists/snapshots?from=${today}&to=2026-02-30`, analyst);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('to');
  });
});
