import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../libs/platform/src/config/app-config';
import { freePort } from '../../test/support/private-redis';
import { startApiServer } from './api-server';
import { BookingPlan } from './booking-plan';
import { freshDatabase } from './database';
import { perSecond, row, type Figures } from './figures';
import { loadApi } from './http-load';
import { checkLedger, officialsOf, postgresVersion, resetSeats } from './ledger';
import { loadRawSql } from './raw-sql-load';
import { BENCH_PASSWORD, seed, type Seeded, type SeedSize } from './seed';

/**
 * npm run bench:seats — seat bookings per second through the HTTP API (the booking service
 * in its own process, driven by autocannon) against the same transaction sent straight
 * through pg, on a fresh database, with p50/p99 latency and errors; the form of bench:booking.
 */

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
  return value;
}

const SECONDS = setting('BENCH_SECONDS', 20);
const WARM_UP_SECONDS = setting('BENCH_WARM_UP_SECONDS', 3);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 50);
/** A lighter load beside it, to show the latency an office sees when the service is not saturated. */
const LIGHT_CONNECTIONS = setting('BENCH_LIGHT_CONNECTIONS', 10);
/** The booking service's own pool: DATABASE_POOL_SIZE, as the service reads it. */
const APP_POOL_SIZE = loadConfig().databasePoolSize;
/** 5000 clients and 401 courses are coprime, as BookingPlan needs; 40,100 seats in all. */
const SIZE: SeedSize = {
  offices: 20,
  providers: 20,
  clients: 5000,
  courses: 401,
  seatsPerCourse: 100,
};

async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`signing in ${username} gave ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function runApi(databaseUrl: string, seeded: Seeded, connections: number): Promise<Figures> {
  const server = await startApiServer(databaseUrl, await freePort());
  try {
    const tokens = await Promise.all(
      seeded.officialUsernames.map((name) => signIn(server.baseUrl, name)),
    );
    const plan = new BookingPlan(seeded, tokens);
    console.log(
      `HTTP API, ${connections} connections: ${WARM_UP_SECONDS} s warm-up, then ${SECONDS} s`,
    );
    await loadApi(server.baseUrl, plan, connections, WARM_UP_SECONDS);
    const figures = await loadApi(server.baseUrl, plan, connections, SECONDS);
    // autocannon stops without waiting for the answers still on their way.
    await sleep(1000);
    return figures;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const database = await freshDatabase();
  try {
    console.log(`seeding ${SIZE.clients} clients and ${SIZE.courses} courses`);
    const seeded = await seed(database.url, SIZE);
    const officials = await officialsOf(database.url, seeded.officialUsernames);

    const api = await runApi(database.url, seeded, CONNECTIONS);
    const ledgers = [await checkLedger(database.url)];
    await resetSeats(database.url);
    const light = await runApi(database.url, seeded, LIGHT_CONNECTIONS);
    ledgers.push(await checkLedger(database.url));
    const raw: Figures[] = [];
    for (const poolSize of [CONNECTIONS, APP_POOL_SIZE]) {
      await resetSeats(database.url);
      console.log(`pg, pool of ${poolSize}: ${WARM_UP_SECONDS} s warm-up, then ${SECONDS} s`);
      const plan = new BookingPlan(seeded, []);
      await loadRawSql(database.url, plan, officials, CONNECTIONS, poolSize, WARM_UP_SECONDS);
      raw.push(await loadRawSql(database.url, plan, officials, CONNECTIONS, poolSize, SECONDS));
      ledgers.push(await checkLedger(database.url));
    }

    const best = Math.max(...raw.map(perSecond));
    const cpu = cpus();
    console.log(`
${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${await postgresVersion(database.url)}
${SIZE.clients} clients, ${SIZE.courses} courses; ${CONNECTIONS} concurrent connections for ${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up.

| run | bookings/s | p50 ms | p99 ms | booked / requests | errors |
|---|---|---|---|---|---|
${[api, ...raw, light].map(row).join('\n')}

API / raw pg throughput: ${((perSecond(api) / best) * 100).toFixed(0)} % (target ≥ 40 %); API p99 ${api.p99Ms} ms (target < 50 ms)
check: ${ledgers.map((l) => l.overbooked).join(' / ')} courses over capacity, ${ledgers.map((l) => l.drifted).join(' / ')} courses whose seats_taken disagrees with their seats (after each run)`);
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  console.error(`bench:seats failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
