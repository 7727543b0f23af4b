/**
 * npm run bench:letters — the figures of issue 6, side by side with their targets:
 * single-letter latency through the API (warm pool), a 1,000-letter batch through the worker,
 * the naive way (a new browser per letter) for comparison, and memory over 10,000 letters.
 * Needs what the tests need: PostgreSQL (or the embedded one), Redis, Chromium.
 * `QUICK=1` runs smaller counts, for trying the script out.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { cpus } from 'node:os';
import puppeteer from 'puppeteer-core';
import { DEFAULT_LETTER_LANGUAGES } from '@kotoportti/model';
import { loadConfig } from '@kotoportti/platform';
import { BookingModule } from '../../apps/booking/src/booking.module';
import { DocumentsModule } from '../../apps/documents/src/documents.module';
import { LetterTemplates } from '../../apps/documents/src/letter-templates/letter-templates';
import { LetterHtml } from '../../apps/documents/src/letter-templates/letter-html';
import { BrowserPool, CHROMIUM_ARGS } from '../../apps/documents/src/rendering/browser-pool';
import { LetterRenderer } from '../../apps/documents/src/rendering/letter-renderer';
import { PdfPrinter } from '../../apps/documents/src/rendering/pdf-printer';
import {
  BATCH_CHUNK_SIZE,
  defaultPoolOptions,
} from '../../apps/documents/src/rendering/renderer-options';
import globalSetup, { dropTemplate } from '../../test/support/global-setup';
import {
  createDayOfBookings,
  createLetterClient,
  createLetterOffice,
  createWaitingListEntry,
  type LetterOffice,
} from '../../test/support/letter-fixtures';
import { sampleLetter } from '../../test/support/letter-samples';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { CpuMeter, loadAverage, machineTicks, mib, sampleMemory } from './process-memory';

const QUICK = process.env.QUICK === '1';
/** `ONLY=batch` (or single, naive, memory; comma-separated) runs just those parts. */
const ONLY = process.env.ONLY?.split(',');
const runs = (part: string) => !ONLY || ONLY.includes(part);
const SINGLE_LETTERS = QUICK ? 40 : 200;
const BATCH_LETTERS = QUICK ? 200 : 1000;
const BATCH_RUNS = Number(process.env.BATCH_RUNS ?? (QUICK ? 1 : 3));
const NAIVE_LETTERS = QUICK ? 5 : 20;
const MEMORY_LETTERS = QUICK ? 1000 : 10_000;
const LANGUAGES = DEFAULT_LETTER_LANGUAGES.filter((lang) => lang !== 'fi');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => `${value.toFixed(0)} ms`;

interface Row {
  figure: string;
  measured: string;
  target: string;
}

/** POST /api/letters one after another, each client in the next language, after a warm-up. */
async function singleLetterLatency(t: TestApp, office: LetterOffice) {
  const entries: string[] = [];
  for (let i = 0; i < SINGLE_LETTERS + 10; i++) {
    const clientId = await createLetterClient(t.db, office, {
      letterLanguage: LANGUAGES[i % LANGUAGES.length],
    });
    entries.push(await createWaitingListEntry(t.db, office, clientId));
  }
  const print = async (entryId: string) => {
    const started = performance.now();
    const response = await t.http
      .post('/api/letters')
      .set('Authorization', `Bearer ${office.token}`)
      .send({ kind: 'waiting-list', waitingListEntryId: entryId });
    if (response.status !== 201) throw new Error(`letter answered ${response.status}`);
    return performance.now() - started;
  };
  for (const entryId of entries.slice(0, 10)) await print(entryId);
  const times: number[] = [];
  for (const entryId of entries.slice(10)) times.push(await print(entryId));
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
}

async function databaseBackends(t: TestApp): Promise<number[]> {
  const rows: Array<{ pid: number }> = await t.db.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  return rows.map((row) => row.pid);
}

/** A day of invitations through POST /api/letters/batch and the BullMQ worker, until done. */
async function batchThroughput(t: TestApp, office: LetterOffice, day: string) {
  await createDayOfBookings(t.db, office, { day, count: BATCH_LETTERS, languages: LANGUAGES });
  let peak = sampleMemory();
  // The backends serving this database (not the WAL writer or checkpointer, which the whole
  // machine shares): the pool may open connections during the batch, so they are looked up again.
  let backends = await databaseBackends(t);
  const pgCpu = new CpuMeter(() => backends);
  const ticksBefore = machineTicks();
  const cpu = new CpuMeter();
  const load = loadAverage();
  const started = performance.now();
  const created = await t.http
    .post('/api/letters/batch')
    .set('Authorization', `Bearer ${office.token}`)
    .send({ sessionDate: day });
  if (created.status !== 202) throw new Error(`batch answered ${created.status}`);
  for (let poll = 0; ; poll++) {
    const [batch]: Array<{ status: string }> = await t.db.query(
      `SELECT status FROM letter_batches WHERE id = $1`,
      [created.body.id],
    );
    if (batch.status === 'done') break;
    if (batch.status === 'failed') throw new Error('batch failed');
    // Reading /proc costs CPU too (smaps most): once a second, so the meter does not slow the batch.
    if (poll % 20 === 0) {
      const sample = sampleMemory();
      if (sample.nodeBytes + sample.chromiumBytes > peak.nodeBytes + peak.chromiumBytes) {
        peak = sample;
      }
      cpu.sample();
      backends = await databaseBackends(t);
      pgCpu.sample();
    }
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  const ticksAfter = machineTicks();
  const busy =
    1 - (ticksAfter.idle - ticksBefore.idle) / Math.max(1, ticksAfter.total - ticksBefore.total);
  return {
    seconds,
    cpuSeconds: cpu.total(),
    pgCpuSeconds: pgCpu.total(),
    busy,
    load,
    peak,
  };
}

/** The way not to do it: launch a browser for each letter. */
async function naiveWay(templates: LetterTemplates) {
  const html = new LetterHtml(templates);
  const started = performance.now();
  for (let i = 0; i < NAIVE_LETTERS; i++) {
    const browser = await puppeteer.launch({
      executablePath: loadConfig().chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      pipe: true,
    });
    const page = await browser.newPage();
    const letter = sampleLetter('test-invitation', LANGUAGES[i % LANGUAGES.length]);
    await page.setContent(html.document([letter], { markers: false }), { waitUntil: 'load' });
    await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false });
    await browser.close();
  }
  return (performance.now() - started) / NAIVE_LETTERS;
}

/** 10,000 letters through the batch printer; memory sampled after every print. */
async function memoryOverManyLetters(templates: LetterTemplates) {
  const pool = new BrowserPool(defaultPoolOptions(loadConfig().chromiumPath));
  const renderer = new LetterRenderer(templates, new PdfPrinter(pool));
  const samples: number[] = [];
  let peak = sampleMemory();
  try {
    for (let printed = 0; printed < MEMORY_LETTERS; printed += BATCH_CHUNK_SIZE) {
      const letters = Array.from({ length: BATCH_CHUNK_SIZE }, (_, i) =>
        sampleLetter('test-invitation', LANGUAGES[(printed + i) % LANGUAGES.length]),
      );
      await renderer.renderMany(letters);
      const sample = sampleMemory();
      samples.push(sample.nodeBytes + sample.chromiumBytes);
      if (samples[samples.length - 1] > peak.nodeBytes + peak.chromiumBytes) peak = sample;
    }
  } finally {
    await pool.close();
  }
  const half = Math.floor(samples.length / 2);
  return {
    peak,
    firstHalfPeak: Math.max(...samples.slice(0, half)),
    secondHalfPeak: Math.max(...samples.slice(half)),
    browsers: pool.launches,
  };
}

async function singleRows(t: TestApp, office: LetterOffice): Promise<Row[]> {
  console.log(`single letters: ${SINGLE_LETTERS} through POST /api/letters…`);
  const single = await singleLetterLatency(t, office);
  return [
    { figure: 'single letter p50 (API, warm pool)', measured: ms(single.p50), target: '< 150 ms' },
    { figure: 'single letter p95', measured: ms(single.p95), target: '' },
    { figure: 'single letter max', measured: ms(single.max), target: '' },
  ];
}

async function batchRows(t: TestApp, office: LetterOffice): Promise<{ rows: Row[]; best: number }> {
  console.log(`batch: ${BATCH_RUNS} × ${BATCH_LETTERS} letters through POST /api/letters/batch…`);
  const results = [];
  for (let run = 0; run < BATCH_RUNS; run++) {
    const day = `2026-05-${String(11 + run).padStart(2, '0')}`;
    const result = await batchThroughput(t, office, day);
    console.log(
      `  ${result.seconds.toFixed(1)} s, ${result.cpuSeconds.toFixed(1)} CPU-s Node + Chromium, ` +
        `${result.pgCpuSeconds.toFixed(1)} CPU-s PostgreSQL, machine ${(100 * result.busy).toFixed(0)} % busy, ` +
        `load before ${result.load}`,
    );
    results.push(result);
  }
  const bySpeed = [...results].sort((a, b) => a.seconds - b.seconds);
  const [best, median] = [bySpeed[0], bySpeed[Math.floor(bySpeed.length / 2)]];
  const cpu = Math.min(...results.map((r) => r.cpuSeconds));
  const pgCpu = Math.min(...results.map((r) => r.pgCpuSeconds));
  const cores = cpus().length;
  const rows = [
    {
      figure: `${BATCH_LETTERS}-letter batch, total (best / median of ${BATCH_RUNS})`,
      measured: `${best.seconds.toFixed(1)} s / ${median.seconds.toFixed(1)} s`,
      target: '< 10 s',
    },
    {
      figure: 'batch letters per second (best / median)',
      measured: `${(BATCH_LETTERS / best.seconds).toFixed(0)} / ${(BATCH_LETTERS / median.seconds).toFixed(0)}`,
      target: '',
    },
    {
      figure: 'batch CPU time, Node + Chromium (least of the runs)',
      measured: `${cpu.toFixed(1)} CPU-s (${(cpu / cores).toFixed(1)} s of ${cores} cores)`,
      target: '',
    },
    {
      figure: "batch CPU time, PostgreSQL (the test database's backends)",
      measured: `${pgCpu.toFixed(1)} CPU-s`,
      target: '',
    },
    {
      figure: 'batch peak memory (Node + Chromium, PSS)',
      measured: `${mib(best.peak.nodeBytes)} + ${mib(best.peak.chromiumBytes)}`,
      target: '',
    },
  ];
  return { rows, best: best.seconds };
}

async function naiveRows(
  templates: LetterTemplates,
  batchSeconds: number | undefined,
): Promise<Row[]> {
  console.log(`naive: ${NAIVE_LETTERS} letters, a new browser each…`);
  const naive = await naiveWay(templates);
  const rows: Row[] = [
    { figure: 'naive way, per letter (new browser each)', measured: ms(naive), target: '' },
  ];
  if (batchSeconds !== undefined) {
    const perLetter = (batchSeconds * 1000) / BATCH_LETTERS;
    rows.push({ figure: 'batch, per letter', measured: `${perLetter.toFixed(1)} ms`, target: '' });
    rows.push({
      figure: 'batch vs naive, per letter',
      measured: `${(naive / perLetter).toFixed(0)}×`,
      target: '≥ 20×',
    });
  }
  return rows;
}

async function memoryRows(templates: LetterTemplates): Promise<Row[]> {
  console.log(`memory: ${MEMORY_LETTERS} letters through the batch printer…`);
  const memory = await memoryOverManyLetters(templates);
  return [
    {
      figure: `peak memory over ${MEMORY_LETTERS} letters (Node + Chromium, PSS)`,
      measured: `${mib(memory.peak.nodeBytes)} + ${mib(memory.peak.chromiumBytes)}`,
      target: 'bounded',
    },
    {
      figure: 'peak in first half / second half',
      measured: `${mib(memory.firstHalfPeak)} / ${mib(memory.secondHalfPeak)}`,
      target: 'no growth',
    },
    {
      figure: 'browsers launched (recycled every 2,000 letters)',
      measured: String(memory.browsers),
      target: '',
    },
  ];
}

async function main() {
  await globalSetup();
  const t = await startTestApp([BookingModule, DocumentsModule]);
  const templates = LetterTemplates.load();
  const rows: Row[] = [];
  try {
    const office = await createLetterOffice(t.http, t.db);
    if (runs('single')) rows.push(...(await singleRows(t, office)));
    let batchSeconds: number | undefined;
    if (runs('batch')) {
      const batch = await batchRows(t, office);
      rows.push(...batch.rows);
      batchSeconds = batch.best;
    }
    if (runs('naive')) rows.push(...(await naiveRows(templates, batchSeconds)));
    if (runs('memory')) rows.push(...(await memoryRows(templates)));
  } finally {
    await t.close();
    await dropTemplate();
    await globalThis.stopEmbeddedTestPostgres?.();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  console.log(`\n${machine}, load average now ${loadAverage()}\n`);
  console.log('| figure | measured | target |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.figure} | ${row.measured} | ${row.target} |`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
