/**
 * npm run bench:booking — the booking benchmark of issue 3, in one command:
 * a fresh database on the machine's PostgreSQL (DATABASE_URL's server, else 127.0.0.1:5432),
 * the built booking service against it, 10,000 clients and 500 sessions, then the booking
 * endpoint driven from a separate process, and the same transaction straight through `pg`.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { BENCH, LoadReport } from './config';
import { reset, seed } from './seed';

const ROOT = resolve(__dirname, '../../../..');
const HERE = __dirname;

function serverUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url.toString();
}

function withDatabase(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function startApp(databaseUrl: string, port: number, logFile: string): Promise<ChildProcess> {
  const log = createWriteStream(logFile);
  // BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of the service, to see where time goes.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const app = spawn(process.execPath, [...profile, join(ROOT, 'dist/apps/booking/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      QUEUE_PREFIX: `kp-bench-${process.pid}`,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.pipe(log);
  app.stderr?.pipe(log);
  for (let i = 0; i < 600; i++) {
    if (app.exitCode !== null) throw new Error(`the booking service exited; see ${logFile}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return app;
    await sleep(100);
  }
  throw new Error(`the booking service did not answer on ${port}; see ${logFile}`);
}

/**
 * autocannon stops the clock without waiting for the answers on their way; let those land
 * before the next phase resets the tables, or they would leak into it.
 */
async function settle(db: Client): Promise<void> {
  let last = -1;
  for (;;) {
    const now = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM test_bookings`))
      .rows[0].n;
    if (now === last) return;
    last = now;
    await sleep(500);
  }
}

/** Runs a load script in its own process and returns the report it prints last. */
function load<Report = LoadReport>(script: string, args: Array<string | number>): Report {
  const output = execFileSync(process.execPath, [join(HERE, script), ...args.map(String)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Report;
}

/** What load-floor prints. */
interface FloorReport {
  answersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  other: number;
}

function row(report: LoadReport): string {
  const errors = Object.entries(report.errors)
    .map(([what, n]) => `${n} × ${what}`)
    .join(', ');
  return `| ${report.label} | ${report.bookingsPerSecond} | ${report.p50Ms} | ${report.p99Ms} | ${report.booked} / ${report.requests} in ${(report.elapsedMs / 1000).toFixed(1)} s | ${errors || 'none'} |`;
}

async function main(): Promise<void> {
  const server = serverUrl();
  const name = `kp_bench_${process.pid}`;
  const databaseUrl = withDatabase(server, name);
  const work = mkdtempSync(join(tmpdir(), 'kp-bench-'));
  let app: ChildProcess | undefined;
  await onServer(server, `CREATE DATABASE "${name}"`);
  try {
    console.log(`database ${name}; starting the booking service (migrations run at start-up)`);
    const port = await freePort();
    app = await startApp(databaseUrl, port, join(work, 'booking.log'));
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    console.log(`seeding ${BENCH.clients} clients and ${BENCH.sessions} sessions`);
    const seeded = await seed(db);
    const pairsFile = join(work, 'pairs.json');
    writeFileSync(pairsFile, JSON.stringify(seeded.pairs));
    const baseUrl = `http://127.0.0.1:${port}`;
    const http = (durationMs: number, label: string, connections: number = BENCH.connections) =>
      load('load-http.js', [baseUrl, seeded.token, pairsFile, durationMs, connections, label]);
    const raw = (poolSize: number, label: string) =>
      load('load-raw.js', [
        databaseUrl,
        seeded.officialId,
        seeded.officeId,
        pairsFile,
        BENCH.durationMs,
        BENCH.connections,
        poolSize,
        label,
      ]);

    console.log(`warming up the service for ${BENCH.warmUpMs / 1000} s`);
    http(BENCH.warmUpMs, 'warm-up');
    await settle(db);
    await reset(db);
    console.log(`raw pg, ${BENCH.connections} connections, ${BENCH.durationMs / 1000} s`);
    const rawWide = raw(BENCH.connections, `pg, ${BENCH.connections} connections`);
    await reset(db);
    console.log(`raw pg, pool of ${BENCH.appPoolSize}, ${BENCH.durationMs / 1000} s`);
    const rawNarrow = raw(BENCH.appPoolSize, `pg, pool of ${BENCH.appPoolSize} (as the app)`);
    await reset(db);
    console.log(`HTTP, ${BENCH.connections} connections, ${BENCH.durationMs / 1000} s`);
    const api = http(BENCH.durationMs, `HTTP API, ${BENCH.connections} connections`);
    await settle(db);
    const counted = await db.query<{ bookings: number; overfull: number }>(
      `SELECT (SELECT count(*)::int FROM test_bookings WHERE status = 'booked') AS bookings,
              (SELECT count(*)::int FROM test_sessions WHERE booked_count > capacity) AS overfull`,
    );
    await reset(db);
    console.log(`HTTP, ${BENCH.lightConnections} connections, ${BENCH.durationMs / 1000} s`);
    const light = http(
      BENCH.durationMs,
      `HTTP API, ${BENCH.lightConnections} connections`,
      BENCH.lightConnections,
    );
    await settle(db);
    await db.end();
    console.log(`HTTP floor: an unknown route, ${BENCH.connections} connections, 10 s`);
    const floor = load<FloorReport>('load-floor.js', [baseUrl, 10_000, BENCH.connections]);

    const best = Math.max(rawWide.bookingsPerSecond, rawNarrow.bookingsPerSecond);
    const version = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
    console.log('');
    console.log(
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
        `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${version}`,
    );
    console.log('| run | bookings/s | p50 ms | p99 ms | booked / requests | errors |');
    console.log('|---|---|---|---|---|---|');
    for (const report of [api, rawWide, rawNarrow, light]) console.log(row(report));
    console.log('');
    console.log(
      `API / raw pg throughput: ${((api.bookingsPerSecond / best) * 100).toFixed(0)} % ` +
        `(target ≥ 40 %); API p99 ${api.p99Ms} ms (target < 50 ms)`,
    );
    console.log(
      `HTTP floor, the same service answering an unknown route with 404 at ${BENCH.connections} ` +
        `connections: ${floor.answersPerSecond}/s, p50 ${floor.p50Ms} ms, p99 ${floor.p99Ms} ms` +
        (floor.other > 0 ? ` (${floor.other} other answers)` : ''),
    );
    console.log(
      `check: ${counted.rows[0].bookings} bookings stored after the HTTP run ` +
        `(${api.booked} answered 201 before the clock stopped), ` +
        `${counted.rows[0].overfull} sessions over capacity`,
    );
  } finally {
    if (app && app.exitCode === null) {
      const exited = new Promise((done) => app!.once('exit', done));
      app.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
    }
    await onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error: Error) => {
  console.error(`bench:booking failed: ${error.message}`);
  process.exit(1);
});
