import {
  DomainEventJob,
  EVENT_TYPES,
  OutboxService,
  type OutboxRow,
  toDomainEventJob,
} from '@kotoportti/platform';
import { BookingModule } from '../apps/booking/src/booking.module';
import { DomainEventConsumer } from '../apps/queue/src/events/domain-event-consumer';
import { DomainEventsProcessor } from '../apps/queue/src/events/domain-events.processor';
import { QueueModule } from '../apps/queue/src/queue.module';
import { daysFromToday, publishCourse, seatFor } from './support/courses';
import { createOrganisation, signIn } from './support/factories';
import { entriesOf, liveEntry, putResult, settle, testedClient, type User } from './support/queue';
import { startTestApp, TestApp } from './support/test-app';
import { bearer, book, createSession, moveSessionToPast } from './support/test-bookings';

/** The outbox rows as the relay would publish them, for delivering by hand. */
async function outboxJobs(t: TestApp, clientId: string): Promise<DomainEventJob[]> {
  const rows: OutboxRow[] = await t.db.query(
    `SELECT id, type, aggregate_type, aggregate_id, payload, created_at FROM outbox_events
      WHERE payload->>'clientId' = $1 ORDER BY id`,
    [clientId],
  );
  return rows.map(toDomainEventJob);
}

describe('the queue service applying domain events', () => {
  let t: TestApp;
  let official: User;
  let tester: User;
  let provider: User;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule]);
    official = await signIn(t.http, t.db, 'official');
    tester = await signIn(t.http, t.db, 'tester');
    provider = await signIn(t.http, t.db, 'provider');
  });
  afterAll(() => t.close());

  const officeRegion = async (officeId: string) =>
    (await t.db.query(`SELECT region_id FROM organisations WHERE id = $1`, [officeId]))[0]
      .region_id as string;
  const seatAction = (
    seatId: string,
    action: string,
    body: Record<string, unknown>,
    token = provider.token,
  ) => t.http.post(`/api/seats/${seatId}/${action}`).set(bearer(token)).send(body);
  const futureCourse = () =>
    publishCourse(t.http, provider.token, {
      startsOn: daysFromToday(20),
      endsOn: daysFromToday(200),
    });

  it('puts a tested client in the queue of their language, pace, level and region from the test day', async () => {
    const { clientId } = await testedClient(t, official, tester, {
      level: 'A1.3',
      pace: 'slow',
      daysAgo: 3,
    });
    await settle(t);
    const entry = await liveEntry(t, clientId);
    expect(entry).toMatchObject({
      status: 'waiting',
      target_language: 'fi',
      pace: 'slow',
      start_level: 'A1.3',
      waiting_since: daysFromToday(-3),
    });
    const [region] = await t.db.query(
      `SELECT e.region_id = o.region_id AS same FROM waiting_list_entries e
         JOIN organisations o ON o.id = $2 WHERE e.client_id = $1`,
      [clientId, official.organisationId],
    );
    expect(region.same).toBe(true);
    const audit = await t.db.query(
      `SELECT action FROM audit_events WHERE client_id = $1 AND action LIKE 'waiting-list.%'`,
      [clientId],
    );
    expect(audit).toEqual([{ action: 'waiting-list.enter' }]);
  });

  it('moves the entry on a corrected result and keeps the date the wait began', async () => {
    const { clientId, bookingId } = await testedClient(t, official, tester, {
      level: 'A1.1',
      daysAgo: 5,
    });
    await settle(t);
    const before = await liveEntry(t, clientId);
    await putResult(t, tester, bookingId, { level: 'A2.1', pace: 'fast' });
    await settle(t);
    const after = await liveEntry(t, clientId);
    expect(after).toMatchObject({
      id: before!.id,
      status: 'waiting',
      start_level: 'A2.1',
      pace: 'fast',
      waiting_since: daysFromToday(-5),
    });
    expect(BigInt(after!.last_event_version)).toBeGreaterThan(BigInt(before!.last_event_version));
  });

  it('ends the entry when a seat is booked, and puts the client back with the original date when the seat is cancelled before the start', async () => {
    const { clientId } = await testedClient(t, official, tester, { daysAgo: 8 });
    const course = await futureCourse();
    const seatId = await seatFor(t.http, official.token, course.id, clientId);
    await settle(t);
    expect(await liveEntry(t, clientId)).toMatchObject({
      status: 'placed',
      end_reason: 'seat-booked',
      seat_id: seatId,
    });

    const cancel = await seatAction(
      seatId,
      'cancel',
      { date: daysFromToday(0), reason: 'Moving' },
      official.token,
    );
    expect(cancel.status).toBe(201);
    await settle(t);
    expect(await liveEntry(t, clientId)).toMatchObject({
      status: 'waiting',
      waiting_since: daysFromToday(-8),
      seat_id: null,
      end_reason: null,
    });
    expect(await entriesOf(t, clientId)).toHaveLength(1);
  });

  it('keeps a client who dropped out after the start out of the queue', async () => {
    const { clientId } = await testedClient(t, official, tester);
    const course = await publishCourse(t.http, provider.token);
    const seatId = await seatFor(t.http, official.token, course.id, clientId);
    expect((await seatAction(seatId, 'start', { date: course.startsOn })).status).toBe(201);
    const dropout = await seatAction(seatId, 'dropout', {
      date: daysFromToday(0),
      reason: 'employment',
    });
    expect(dropout.status).toBe(201);
    await settle(t);
    expect(await liveEntry(t, clientId)).toMatchObject({ status: 'placed', seat_id: seatId });
  });

  it('returns a client after a no-show at course start under the default policy', async () => {
    const { clientId } = await testedClient(t, official, tester, { daysAgo: 40 });
    const course = await publishCourse(t.http, provider.token);
    const seatId = await seatFor(t.http, official.token, course.id, clientId);
    expect((await seatAction(seatId, 'no-show', { date: course.startsOn })).status).toBe(201);
    await settle(t);
    expect(await liveEntry(t, clientId)).toMatchObject({
      status: 'waiting',
      waiting_since: daysFromToday(-40),
    });
  });

  it('ends the wait when consent is withdrawn', async () => {
    const { clientId } = await testedClient(t, official, tester);
    const withdrawn = await t.http
      .delete(`/api/clients/${clientId}/consents`)
      .set(bearer(official.token));
    expect(withdrawn.status).toBe(200);
    await settle(t);
    expect(await liveEntry(t, clientId)).toMatchObject({
      status: 'removed',
      end_reason: 'consent-withdrawn',
    });
  });

  it('returns the clients of a cancelled course to the queue with their dates', async () => {
    const a = await testedClient(t, official, tester, { daysAgo: 10 });
    const b = await testedClient(t, official, tester, { daysAgo: 11 });
    const course = await futureCourse();
    await seatFor(t.http, official.token, course.id, a.clientId);
    await seatFor(t.http, official.token, course.id, b.clientId);
    await settle(t);
    const cancel = await t.http
      .post(`/api/courses/${course.id}/cancel`)
      .set(bearer(provider.token))
      .send({ reason: 'Too few participants' });
    expect(cancel.status).toBe(200);
    await settle(t);
    expect(await liveEntry(t, a.clientId)).toMatchObject({
      status: 'waiting',
      waiting_since: daysFromToday(-10),
    });
    expect(await liveEntry(t, b.clientId)).toMatchObject({
      status: 'waiting',
      waiting_since: daysFromToday(-11),
    });
  });

  it('queues a client who moved office under the new office and its region', async () => {
    const { clientId } = await testedClient(t, official, tester);
    await settle(t);
    const newOffice = await createOrganisation(t.db, 'employment-office');
    await t.db.transaction(async (manager) => {
      await manager.query(`UPDATE clients SET office_id = $2 WHERE id = $1`, [clientId, newOffice]);
      await t.app.get(OutboxService).record(manager, {
        type: EVENT_TYPES.clientMoved,
        aggregateType: 'client',
        aggregateId: clientId,
        payload: { clientId, officeId: newOffice, previousOfficeId: official.organisationId },
      });
    });
    await settle(t);
    const [entry] = await t.db.query(
      `SELECT office_id, region_id FROM waiting_list_entries WHERE client_id = $1`,
      [clientId],
    );
    expect(entry).toEqual({ office_id: newOffice, region_id: await officeRegion(newOffice) });
  });

  it('begins a new wait when the client is tested again after being placed', async () => {
    const { clientId } = await testedClient(t, official, tester, { daysAgo: 30 });
    const course = await publishCourse(t.http, provider.token, {
      startsOn: daysFromToday(-60),
      endsOn: daysFromToday(-5),
    });
    await t.db.query(`UPDATE courses SET ends_on = $2 WHERE id = $1`, [
      course.id,
      daysFromToday(100),
    ]);
    const seatId = await seatFor(t.http, official.token, course.id, clientId);
    await settle(t);
    // As if the seat had been booked three weeks ago and the course finished since.
    await t.db.query(`UPDATE seats SET booked_at = now() - interval '21 days' WHERE id = $1`, [
      seatId,
    ]);
    await t.db.query(
      `UPDATE waiting_list_entries SET ended_at = now() - interval '21 days' WHERE client_id = $1`,
      [clientId],
    );
    const sessionId = await createSession(t.http, tester.token, { kind: 'retest' });
    const retest = await book(t.http, official.token, sessionId, clientId);
    await moveSessionToPast(t.db, sessionId, 2);
    await putResult(t, tester, retest, { level: 'B1.1' });
    await settle(t);
    const entries = await entriesOf(t, clientId);
    expect(entries.map((entry: { status: string }) => entry.status)).toEqual(['waiting', 'placed']);
    expect(entries[0]).toMatchObject({ start_level: 'B1.1', waiting_since: daysFromToday(-2) });
  });

  describe('delivered twice or out of order', () => {
    it('applies a redelivered event once', async () => {
      const { clientId } = await testedClient(t, official, tester);
      await settle(t);
      const [recorded] = await outboxJobs(t, clientId);
      const consumer = t.app.get(DomainEventConsumer);
      expect(await consumer.apply(recorded)).toBe(false);
      expect(await entriesOf(t, clientId)).toHaveLength(1);
    });

    it('ends with the newest facts whatever order the events arrive in', async () => {
      const worker = t.app.get(DomainEventsProcessor).worker;
      await worker.pause();
      try {
        const { clientId, bookingId } = await testedClient(t, official, tester, {
          level: 'A1.1',
          daysAgo: 6,
        });
        await putResult(t, tester, bookingId, { level: 'A1.3' });
        const course = await futureCourse();
        await seatFor(t.http, official.token, course.id, clientId);
        const jobs = await outboxJobs(t, clientId);
        const types = jobs.map((job) => job.type);
        expect(types).toEqual([
          EVENT_TYPES.resultRecorded,
          EVENT_TYPES.resultCorrected,
          EVENT_TYPES.seatBooked,
        ]);
        const consumer = t.app.get(DomainEventConsumer);
        for (const job of [...jobs].reverse()) expect(await consumer.apply(job)).toBe(true);

        const entry = await liveEntry(t, clientId);
        expect(entry).toMatchObject({
          status: 'placed',
          start_level: 'A1.3',
          waiting_since: daysFromToday(-6),
          last_event_version: jobs[2].eventId,
          keys_version: jobs[1].eventId,
        });
        expect(await entriesOf(t, clientId)).toHaveLength(1);
      } finally {
        await worker.resume();
      }
      // The worker now finds each job already applied.
      await settle(t);
    });

    it('applies the rest of a batch when the database refuses one of its events, and keeps that one for a retry', async () => {
      const worker = t.app.get(DomainEventsProcessor).worker;
      await worker.pause();
      try {
        const { clientId } = await testedClient(t, official, tester);
        const [recorded] = await outboxJobs(t, clientId);
        // Passes the payload check, but no such day exists: PostgreSQL refuses the cast.
        const refused = {
          ...recorded,
          eventId: String(BigInt(recorded.eventId) + 1_000_000n),
          payload: { ...recorded.payload, testedOn: '2026-02-30' },
        };
        const consumer = t.app.get(DomainEventConsumer);
        await expect(consumer.applyBatch([recorded, refused])).rejects.toThrow('date');
        expect(await liveEntry(t, clientId)).toMatchObject({
          status: 'waiting',
          last_event_version: recorded.eventId,
        });
        const consumed: Array<{ event_id: string }> = await t.db.query(
          `SELECT event_id FROM consumed_events WHERE event_id = ANY($1::bigint[])`,
          [[recorded.eventId, refused.eventId]],
        );
        expect(consumed.map((row) => row.event_id)).toEqual([recorded.eventId]);
      } finally {
        await worker.resume();
      }
      await settle(t);
    });

    it('ignores a late older correction after a newer one', async () => {
      const worker = t.app.get(DomainEventsProcessor).worker;
      await worker.pause();
      try {
        const { clientId, bookingId } = await testedClient(t, official, tester, { level: 'A1.1' });
        await putResult(t, tester, bookingId, { level: 'A1.2' });
        await putResult(t, tester, bookingId, { level: 'A2.2' });
        const [recorded, older, newer] = await outboxJobs(t, clientId);
        const consumer = t.app.get(DomainEventConsumer);
        for (const job of [recorded, newer, older]) await consumer.apply(job);
        expect(await liveEntry(t, clientId)).toMatchObject({
          start_level: 'A2.2',
          keys_version: newer.eventId,
          last_event_version: newer.eventId,
        });
      } finally {
        await worker.resume();
      }
      await settle(t);
    });
  });
});

describe('the no-show policy "end"', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, QueueModule], { QUEUE_NO_SHOW_POLICY: 'end' });
  });
  afterAll(() => t.close());

  it('keeps a client who did not show up at course start out of the queue', async () => {
    const official = await signIn(t.http, t.db, 'official');
    const tester = await signIn(t.http, t.db, 'tester');
    const provider = await signIn(t.http, t.db, 'provider');
    const { clientId } = await testedClient(t, official, tester);
    const course = await publishCourse(t.http, provider.token);
    const seatId = await seatFor(t.http, official.token, course.id, clientId);
    const noShow = await t.http
      .post(`/api/seats/${seatId}/no-show`)
      .set(bearer(provider.token))
      .send({ date: course.startsOn });
    expect(noShow.status).toBe(201);
    await settle(t);
    expect(await liveEntry(t, clientId)).toMatchObject({ status: 'placed', seat_id: seatId });
  });
});
