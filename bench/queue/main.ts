import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { DataSource } from 'typeorm';
import {
  configureApp,
  DOMAIN_EVENT_WORKER_OPTIONS,
  DOMAIN_EVENTS_PER_JOB,
  loadConfig,
  RootModule,
} from '@kotoportti/platform';
import { QueueModule } from '../../apps/queue/src/queue.module';
import { freshDatabase } from './database';
import { consumerAlone, endToEnd, relayThenWorker, type Stage } from './event-stages';
import { plainCandidates, plainOverview, PLAIN_REBUILD_SQL } from './plain-sql';
import { PASSWORD, seed, type World } from './seed';
import { ms, percentile, timed } from './timing';

const CLIENTS = Number(process.env.BENCH_QUEUE_CLIENTS ?? 100_000);
const COURSES = 200;
const OVERVIEW_RUNS = 30;
const PLAIN_EVERY = 10;

async function start(databaseUrl: string): Promise<{ app: INestApplication; base: string }> {
  const config = {
    ...loadConfig({ ...process.env, QUEUE_PREFIX: `kp-bench-${randomBytes(4).toString('hex')}` }),
    databaseUrl,
  };
  const app = await NestFactory.create<NestExpressApplication>(
    RootModule.compose(config, [QueueModule]),
    { bodyParser: false, logger: ['error', 'warn'] },
  );
  configureApp(app, 'bench');
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function getJson(base: string, path: string, token: string): Promise<unknown> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

function line(label: string, ours: string, plain: string, ratio: number, target: string) {
  console.log(
    `${label.padEnd(34)} ${ours.padStart(12)}   plain SQL ${plain.padStart(12)}   ` +
      `plain / ours ${ratio.toFixed(1).padStart(6)}×   ${target}`,
  );
}

async function overview(db: DataSource, base: string, token: string) {
  const times: number[] = [];
  let answer: unknown;
  for (let i = 0; i < OVERVIEW_RUNS; i++) {
    const run = await timed(() => getJson(base, '/api/waiting-lists', token));
    times.push(run.ms);
    answer = run.value;
  }
  const plain: number[] = [];
  let plainAnswer: unknown;
  for (let i = 0; i < 3; i++) {
    const run = await timed(() => plainOverview(db));
    plain.push(run.ms);
    plainAnswer = run.value;
  }
  const same = JSON.stringify(answer) === JSON.stringify(plainAnswer);
  const p50 = percentile(times, 50);
  line(
    'GET /api/waiting-lists p50 (p95)',
    `${ms(p50)} (${percentile(times, 95).toFixed(0)})`,
    ms(percentile(plain, 50)),
    percentile(plain, 50) / p50,
    `target < 200 ms: ${p50 < 200 ? 'met' : 'MISSED'}; same answer: ${same ? 'yes' : 'NO'}`,
  );
  return same;
}

async function candidates(db: DataSource, world: World, base: string, token: string) {
  const times: number[] = [];
  const plain: number[] = [];
  let same = true;
  for (const [index, courseId] of world.courseIds.entries()) {
    const run = await timed(() => getJson(base, `/api/courses/${courseId}/candidates`, token));
    times.push(run.ms);
    // The full scan takes a second or more: every 10th course is compared, 20 in all.
    if (index % PLAIN_EVERY !== 0) continue;
    const plainRun = await timed(() => plainCandidates(db, courseId));
    plain.push(plainRun.ms);
    const ours = (run.value as { candidates: Array<{ entryId: string }> }).candidates;
    const theirs = plainRun.value;
    const ids = await db.query<Array<{ client_id: string }>>(
      `SELECT client_id FROM waiting_list_entries WHERE id = ANY($1::uuid[])
        ORDER BY array_position($1::uuid[], id)`,
      [ours.map((row) => row.entryId)],
    );
    if (JSON.stringify(ids.map((row) => row.client_id)) !== JSON.stringify(theirs)) same = false;
  }
  const p95 = percentile(times, 95);
  line(
    `candidates p50 / p95 (${world.courseIds.length} courses)`,
    `${percentile(times, 50).toFixed(1)} / ${p95.toFixed(1)} ms`,
    `${percentile(plain, 50).toFixed(0)} / ${percentile(plain, 95).toFixed(0)} ms (${plain.length})`,
    percentile(plain, 95) / p95,
    `target p95 < 50 ms: ${p95 < 50 ? 'met' : 'MISSED'}; same answer: ${same ? 'yes' : 'NO'}`,
  );
  return same;
}

/** Each stage gets its own 10,000 events (new clients numbered after the seeded ones). */
async function events(db: DataSource, world: World, app: INestApplication) {
  const stages: Stage[] = [
    await consumerAlone(db, app, world, CLIENTS, { perBatch: 1, parallel: 8 }),
    await consumerAlone(db, app, world, CLIENTS + 7000, {
      perBatch: DOMAIN_EVENTS_PER_JOB,
      parallel: DOMAIN_EVENT_WORKER_OPTIONS.concurrency,
    }),
    ...(await relayThenWorker(db, app, world, CLIENTS + 14_000)),
    await endToEnd(db, app, world, CLIENTS + 21_000),
  ];
  const rebuild = await timed(() => db.query(PLAIN_REBUILD_SQL, ['return']));
  const [{ differ }] = await db.query(
    `SELECT count(*)::int AS differ FROM (
       (SELECT client_id, target_language, pace, start_level, waiting_since
          FROM (${PLAIN_REBUILD_SQL}) t WHERE status = 'waiting'
        EXCEPT SELECT client_id, target_language, pace, start_level, waiting_since
          FROM waiting_list_entries WHERE status = 'waiting')
       UNION ALL
       (SELECT client_id, target_language, pace, start_level, waiting_since
          FROM waiting_list_entries WHERE status = 'waiting'
        EXCEPT SELECT client_id, target_language, pace, start_level, waiting_since
          FROM (${PLAIN_REBUILD_SQL}) t WHERE status = 'waiting')) d`,
    ['return'],
  );
  for (const stage of stages) {
    const perSecond = (stage.events / stage.ms) * 1000;
    line(
      `${stage.events} events, ${stage.label}`,
      `${(stage.ms / 1000).toFixed(1)} s, ${perSecond.toFixed(0)}/s`,
      `${ms(rebuild.ms)} once`,
      rebuild.ms / (stage.ms / stage.events),
      `target ≥ 2000/s: ${perSecond >= 2000 ? 'met' : 'MISSED'}`,
    );
  }
  console.log(
    `after all stages, the lists equal the rebuild: ${differ === 0 ? 'yes' : `NO (${differ})`}`,
  );
  return differ === 0;
}

/** The machine is shared: the figures mean little without the load they were taken under. */
const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(', ');

async function main() {
  console.log(
    `bench:queue — ${CLIENTS} waiting clients, ${COURSES} courses; ${cpus().length} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const database = await freshDatabase();
  const db = new DataSource({ type: 'postgres', url: database.url });
  await db.initialize();
  let app: INestApplication | undefined;
  try {
    const [{ version }] = await db.query(`SELECT current_setting('server_version') AS version`);
    console.log(`PostgreSQL ${version}; load average ${loadAverage()}; seeding…`);
    const seeded = await timed(() => seed(db, CLIENTS, COURSES));
    const [{ waiting }] = await db.query(
      `SELECT count(*)::int AS waiting FROM waiting_list_entries WHERE status = 'waiting'`,
    );
    console.log(`seeded ${waiting} waiting clients in ${(seeded.ms / 1000).toFixed(0)} s\n`);
    const started = await start(database.url);
    app = started.app;
    const token = await signIn(started.base, seeded.value.officialUsername);
    // Warm-up: the first requests pay for plans and connections.
    for (let i = 0; i < 5; i++) await getJson(started.base, '/api/waiting-lists', token);
    const ok = [
      await overview(db, started.base, token),
      await candidates(db, seeded.value, started.base, token),
      await events(db, seeded.value, app),
    ];
    console.log(`load average (1, 5, 15 min) at the end: ${loadAverage()}`);
    if (ok.includes(false)) process.exitCode = 1;
  } finally {
    await app?.close();
    await db.destroy();
    if (!process.env.BENCH_KEEP_DATABASE) await database.drop();
    else console.log(`kept ${database.url}`);
  }
}

void main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
