/**
 * npm run bench:statistics — issue 8: with two years of history for 100,000 clients, each
 * statistics endpoint answers in under 500 ms. Seeds a private database copy (see seed.ts),
 * boots the booking service in-process on it, signs in an analyst and times each endpoint
 * through HTTP: 3 warm-up requests, then 15 timed ones, for the default range (the last 12
 * months, every breakdown) and for the whole two years. Needs PostgreSQL and Redis as the
 * tests do. `QUICK=1` seeds 10,000 clients, for trying the script out.
 */
import { cpus, totalmem } from 'node:os';
import { BookingModule } from '../../apps/booking/src/booking.module';
import globalSetup, { dropTemplate } from '../../test/support/global-setup';
import { createOrganisation, signIn } from '../../test/support/factories';
import { closeKeepingDatabaseIfAsked, startTestApp } from '../../test/support/test-app';
import { counts, seedHistory } from './seed';

const TARGET_MS = 500;
const WARM_UP = 3;
const RUNS = 15;

const ENDPOINTS = process.env.ONLY?.split(' ') ?? [
  'queues',
  'waiting-times',
  'recommendations',
  'tests',
  'courses',
  'waiting-times?format=csv',
  'courses?format=csv',
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function isoDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  await globalSetup();
  const t = await startTestApp([BookingModule]);
  try {
    console.log('Seeding two years of history…');
    const started = Date.now();
    await seedHistory(t.db, (line) => console.log(line));
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s:`, await counts(t.db));
    const analyst = await signIn(t.http, t.db, 'analyst', await createOrganisation(t.db, 'region'));
    const ranges = [
      { name: 'default (12 months)', query: '' },
      { name: 'two years', query: `from=${isoDay(729)}&to=${isoDay(0)}` },
    ];
    const lines = [
      `| endpoint | range | rows | p50 ms | p95 ms | max ms | under ${TARGET_MS} ms |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    ];
    for (const range of ranges) {
      for (const endpoint of ENDPOINTS) {
        const path = `/api/statistics/${endpoint}${endpoint.includes('?') ? '&' : '?'}${range.query}`;
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < WARM_UP + RUNS; i++) {
          const begin = process.hrtime.bigint();
          const response = await t.http.get(path).set('Authorization', `Bearer ${analyst.token}`);
          const ms = Number(process.hrtime.bigint() - begin) / 1e6;
          if (response.status !== 200)
            throw new Error(`${path} answered ${response.status}: ${response.text}`);
          rows = endpoint.includes('csv')
            ? response.text.split('\r\n').length - 2
            : Object.values(response.body.tables as Record<string, { rows: unknown[] }>).reduce(
                (sum, table) => sum + table.rows.length,
                0,
              );
          if (i >= WARM_UP) times.push(ms);
        }
        times.sort((a, b) => a - b);
        const max = times[times.length - 1];
        lines.push(
          `| ${endpoint} | ${range.name} | ${rows} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${max.toFixed(0)} | ${max < TARGET_MS ? 'yes' : 'NO'} |`,
        );
        console.log(lines[lines.length - 1]);
      }
    }
    console.log(
      `\n${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    console.log(lines.join('\n'));
  } finally {
    await closeKeepingDatabaseIfAsked(t);
    await dropTemplate();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
