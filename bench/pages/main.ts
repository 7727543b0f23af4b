/**
 * npm run bench:pages — issue 7: with 100,000 clients in the database, client search answers
 * in under 100 ms and every page renders in under 300 ms on the server. Seeds a private
 * database copy (100,000 clients of one office, the worst case for a search scoped to the
 * office, plus sessions, bookings, a result, courses and seats for the other pages), boots the
 * booking service in-process and times each request through HTTP without a network: 3
 * warm-ups, then RUNS timed. Needs PostgreSQL and Redis as the tests do. `QUICK=1` seeds
 * 10,000 clients, for trying the script out.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { BookingModule } from '../../apps/booking/src/booking.module';
import globalSetup, { dropTemplate } from '../../test/support/global-setup';
import { registerClient } from '../../test/support/clients';
import { publishCourse, readyClient, seatFor } from '../../test/support/courses';
import { createOrganisation, signIn } from '../../test/support/factories';
import { putResult } from '../../test/support/queue';
import {
  closeKeepingDatabaseIfAsked,
  startTestApp,
  type TestApp,
} from '../../test/support/test-app';
import {
  book,
  createSession,
  giveConsent,
  moveSessionToPast,
} from '../../test/support/test-bookings';
import { CLIENTS, seedClients } from './seed';

const SEARCH_TARGET_MS = 100;
const PAGE_TARGET_MS = 300;
const WARM_UP = 3;
const RUNS = Number(process.env.RUNS ?? 30);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Figures {
  p50: number;
  p95: number;
  max: number;
}

async function timed(t: TestApp, path: string, token: string): Promise<Figures> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const begin = process.hrtime.bigint();
    const response = await t.http.get(path).set('Authorization', `Bearer ${token}`);
    const ms = Number(process.hrtime.bigint() - begin) / 1e6;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (i >= WARM_UP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const row = (name: string, f: Figures, target: number) =>
  `| ${name} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.max.toFixed(1)} | ${target} | ${f.p95 < target ? 'yes' : 'NO'} |`;

async function main(): Promise<void> {
  await globalSetup();
  const t = await startTestApp([BookingModule]);
  try {
    const officeId = await createOrganisation(t.db, 'employment-office', { name: 'Bench office' });
    const official = await signIn(t.http, t.db, 'official', officeId);
    const tester = await signIn(t.http, t.db, 'tester');
    const provider = await signIn(t.http, t.db, 'provider');
    console.log(`Seeding ${CLIENTS} clients…`);
    const started = Date.now();
    await seedClients(t.db, officeId, official.userId);
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The other pages' data: a centre's sessions with bookings, a result, courses with seats.
    const sessions: string[] = [];
    for (let i = 0; i < 12; i++) {
      sessions.push(await createSession(t.http, tester.token, { capacity: 20 }));
    }
    const bookings: string[] = [];
    for (let i = 0; i < 15; i++) {
      const clientId = await registerClient(t.http, official.token, {
        firstName: `Bench${'abcdefghijklmnopqrst'[i]}`,
      });
      await giveConsent(t.http, official.token, clientId);
      bookings.push(await book(t.http, official.token, sessions[i % 3], clientId));
    }
    await moveSessionToPast(t.db, sessions[0]);
    await putResult(t, tester, bookings[0]);
    const courses: string[] = [];
    for (let i = 0; i < 8; i++) {
      courses.push((await publishCourse(t.http, provider.token, { name: `Course ${i}` })).id);
    }
    const seated: string[] = [];
    for (let i = 0; i < 10; i++) {
      const clientId = await readyClient(t, official);
      await seatFor(t.http, official.token, courses[0], clientId);
      seated.push(clientId);
    }
    const [{ client_id: pathClient }] = await t.db.query(
      `SELECT client_id FROM test_bookings WHERE id = $1`,
      [bookings[0]],
    );
    const [{ personal_identity_code: code }] = await t.db.query(
      `SELECT personal_identity_code FROM clients
        WHERE office_id = $1 AND personal_identity_code IS NOT NULL ORDER BY id LIMIT 1`,
      [officeId],
    );
    await t.db.query('ANALYZE');

    const searches: Array<[string, string]> = [
      ['common last name (hassan)', 'hassan'],
      ['first and last name (amina has)', 'amina has'],
      ['two letters (li)', 'li'],
      ['rare fragment, no match (zqx)', 'zqx'],
      ['identity code', code],
      ['no query: first 50 by name', ''],
    ];
    const lines = [
      '| client search (GET /api/clients?q=) | p50 ms | p95 ms | max ms | target ms | p95 under target |',
      '| --- | --- | --- | --- | --- | --- |',
    ];
    for (const [name, q] of searches) {
      const path = q ? `/api/clients?q=${encodeURIComponent(q)}` : '/api/clients';
      const f = await timed(t, path, official.token);
      lines.push(row(name, f, SEARCH_TARGET_MS));
      console.log(lines[lines.length - 1]);
    }

    const pages: Array<[string, string, string]> = [
      ['official: /clients', '/clients', official.token],
      ['official: /clients?q=hassan', '/clients?q=hassan', official.token],
      ['official: /clients/new', '/clients/new', official.token],
      ['official: /clients/:id (path)', `/clients/${pathClient}`, official.token],
      ['official: /test-places', '/test-places', official.token],
      ['official: /courses', '/courses', official.token],
      ['official: /courses/:id', `/courses/${courses[0]}?clientId=${seated[0]}`, official.token],
      [
        'official: /test-bookings/:id/rebook',
        `/test-bookings/${bookings[1]}/rebook`,
        official.token,
      ],
      ['official: /waiting-lists', '/waiting-lists', official.token],
      ['official: /letters/batch', '/letters/batch', official.token],
      ['tester: /sessions', '/sessions', tester.token],
      ['tester: /sessions/:id', `/sessions/${sessions[0]}`, tester.token],
      ['tester: /sessions/new', '/sessions/new', tester.token],
      ['tester: /test-bookings/:id/result', `/test-bookings/${bookings[0]}/result`, tester.token],
      ['provider: /courses', '/courses', provider.token],
      ['provider: /courses/:id', `/courses/${courses[0]}`, provider.token],
      ['provider: /courses/new', '/courses/new', provider.token],
    ];
    lines.push(
      '',
      '| page (server render, GET) | p50 ms | p95 ms | max ms | target ms | p95 under target |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const [name, path, token] of pages) {
      lines.push(row(name, await timed(t, path, token), PAGE_TARGET_MS));
      console.log(lines[lines.length - 1]);
    }
    const load = loadavg().map((value) => value.toFixed(2));
    console.log(
      `\n${CLIENTS} clients; ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load.join(' ')}`,
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
