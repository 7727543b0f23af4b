import type { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import {
  OutboxRelay,
  type DomainEventJob,
  type OutboxRow,
  toDomainEventJob,
} from '@kotoportti/platform';
import { DomainEventConsumer } from '../../apps/queue/src/events/domain-event-consumer';
import { DomainEventsProcessor } from '../../apps/queue/src/events/domain-events.processor';
import { writeEvents } from './events';
import type { World } from './seed';
import { timed } from './timing';

export interface Stage {
  label: string;
  events: number;
  ms: number;
}

/** Polls (50 ms) until the query, given the stage's first outbox id, counts nothing pending. */
async function until(db: DataSource, pendingSql: string, fromId: string): Promise<void> {
  for (;;) {
    const [{ pending }] = await db.query(pendingSql, [fromId]);
    if (pending === 0) return;
    await sleep(50);
  }
}

const UNPUBLISHED = `SELECT count(*)::int AS pending FROM outbox_events
                      WHERE id > $1 AND published_at IS NULL`;
// Two index range counts, not an anti-join: the poll shares the two cores with what it measures.
const UNCONSUMED = `SELECT ((SELECT count(*) FROM outbox_events WHERE id > $1)
                          - (SELECT count(*) FROM consumed_events
                              WHERE consumer = 'queue' AND event_id > $1))::int AS pending`;

async function lastOutboxId(db: Pick<DataSource, 'query'>): Promise<string> {
  const [{ id }] = await db.query(`SELECT coalesce(max(id), 0)::text AS id FROM outbox_events`);
  return id;
}

/** Written in one transaction: the relay sees all 10,000 at the commit, where the clock starts. */
async function write(
  db: DataSource,
  world: World,
  firstNew: number,
): Promise<{ events: number; fromId: string }> {
  const fromId = await lastOutboxId(db);
  await db.transaction((manager) => writeEvents(manager, world, firstNew));
  const [{ count }] = await db.query(
    `SELECT count(*)::int AS count FROM outbox_events WHERE id > $1`,
    [fromId],
  );
  return { events: count, fromId };
}

/**
 * The relay alone (worker paused: outbox → BullMQ), then the worker alone (BullMQ → queue
 * tables, every job already waiting in Redis).
 */
export async function relayThenWorker(
  db: DataSource,
  app: INestApplication,
  world: World,
  firstNew: number,
): Promise<Stage[]> {
  const worker = app.get(DomainEventsProcessor).worker;
  await worker.pause();
  const { events, fromId } = await write(db, world, firstNew);
  const relay = await timed(async () => {
    app.get(OutboxRelay).kick();
    await until(db, UNPUBLISHED, fromId);
  });
  const consume = await timed(async () => {
    await worker.resume();
    await until(db, UNCONSUMED, fromId);
  });
  return [
    { label: 'relay alone (outbox→BullMQ)', events, ms: relay.ms },
    { label: 'worker alone (BullMQ→tables)', events, ms: consume.ms },
  ];
}

/**
 * The consumer alone, no Redis: the events are marked published so the relay leaves them,
 * and handed to DomainEventConsumer `perBatch` at a time, `parallel` batches at once: jobs'
 * worth two at a time like the worker, or one event per transaction eight at a time like
 * the design before batches, as the baseline measured under the same load.
 */
export async function consumerAlone(
  db: DataSource,
  app: INestApplication,
  world: World,
  firstNew: number,
  { perBatch, parallel }: { perBatch: number; parallel: number },
): Promise<Stage> {
  const rows: OutboxRow[] = await db.transaction(async (manager) => {
    const fromId = await lastOutboxId(manager);
    await writeEvents(manager, world, firstNew);
    return manager.query(
      `WITH published AS (
         UPDATE outbox_events SET published_at = now() WHERE id > $1
         RETURNING id, type, aggregate_type, aggregate_id, payload, created_at)
       SELECT * FROM published ORDER BY id`,
      [fromId],
    );
  });
  const jobs: DomainEventJob[][] = [];
  for (let i = 0; i < rows.length; i += perBatch) {
    jobs.push(rows.slice(i, i + perBatch).map(toDomainEventJob));
  }
  const consumer = app.get(DomainEventConsumer);
  const run = await timed(async () => {
    for (let i = 0; i < jobs.length; i += parallel) {
      await Promise.all(jobs.slice(i, i + parallel).map((batch) => consumer.applyBatch(batch)));
    }
  });
  const label =
    perBatch === 1
      ? `consumer, 1 event per transaction ×${parallel}`
      : `consumer, ${perBatch} per transaction ×${parallel}`;
  return { label, events: rows.length, ms: run.ms };
}

/** The production path from the commit: relay → BullMQ → worker → queue tables. */
export async function endToEnd(
  db: DataSource,
  app: INestApplication,
  world: World,
  firstNew: number,
): Promise<Stage> {
  const { events, fromId } = await write(db, world, firstNew);
  const run = await timed(async () => {
    app.get(OutboxRelay).kick();
    await until(db, UNCONSUMED, fromId);
  });
  return { label: 'end to end (relay→BullMQ→worker)', events, ms: run.ms };
}
