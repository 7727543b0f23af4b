import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  OutboxRelay,
  OutboxService,
  QUEUES,
  domainEventBatchJobId,
  type DomainEventBatchJob,
  redisOptionsFromUrl,
} from '@kotoportti/platform';
import { freePort, PrivateRedis } from './support/private-redis';
import { startTestApp, TestApp } from './support/test-app';

async function until<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('the outbox relay', () => {
  let t: TestApp;
  let redis: PrivateRedis;
  let queue: Queue;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp([], { REDIS_URL: redis.url });
    queue = new Queue(QUEUES.domainEvents, {
      connection: redisOptionsFromUrl(redis.url),
      prefix: t.config.queuePrefix,
    });
    queue.on('error', () => undefined);
  });
  afterAll(async () => {
    await t.close();
    await queue.close();
    await redis.stop();
  });

  const recordEvent = (aggregateId: string) =>
    t.db.transaction((manager) =>
      t.app.get(OutboxService).record(manager, {
        type: 'test.happened',
        aggregateType: 'test',
        aggregateId,
        payload: { n: 1 },
      }),
    );
  /** The job that carries the event: its id is fixed by the outbox ids it carries. */
  const jobOf = async (eventId: string) => {
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    return jobs.find((job) =>
      (job.data as DomainEventBatchJob).events.some((event) => event.eventId === eventId),
    );
  };
  const publishedAt = async (id: string) =>
    (await t.db.query(`SELECT published_at FROM outbox_events WHERE id = $1`, [id]))[0]
      .published_at as Date | null;

  it('publishes a committed event to BullMQ with a fixed job id', async () => {
    const id = await recordEvent('a');
    t.app.get(OutboxRelay).kick();
    const job = await until(() => jobOf(id));
    expect(job.id).toBe(domainEventBatchJobId(job.data.events));
    expect(job.data.events).toContainEqual(
      expect.objectContaining({
        eventId: id,
        type: 'test.happened',
        aggregateId: 'a',
        payload: { n: 1 },
      }),
    );
    expect(await publishedAt(id)).not.toBeNull();
  });

  it('never publishes an event whose transaction rolled back', async () => {
    await expect(
      t.db.transaction(async (manager) => {
        await t.app.get(OutboxService).record(manager, {
          type: 'test.rolled-back',
          aggregateType: 'test',
          aggregateId: 'b',
          payload: {},
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await sleep(500);
    const rows = await t.db.query(`SELECT id FROM outbox_events WHERE type = 'test.rolled-back'`);
    expect(rows).toEqual([]);
  });

  it('keeps an event while Redis is unreachable and delivers it once Redis is back', async () => {
    await redis.stop();
    const id = await recordEvent('c');
    await sleep(1500);
    expect(await publishedAt(id)).toBeNull();

    await redis.start();
    await until(async () => ((await publishedAt(id)) ? true : undefined), 20_000);
    const job = await jobOf(id);
    expect(job?.data.events).toContainEqual(
      expect.objectContaining({ eventId: id, aggregateId: 'c' }),
    );
  });
});
