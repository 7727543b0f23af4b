import { modelDataSourceOptions } from '@kotoportti/model';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { pageCount } from '../apps/documents/src/rendering/letter-pages';
import { DocumentsProcess } from './support/documents-process';
import { createDayOfBookings, createLetterOffice } from './support/letter-fixtures';
import { pdfPageCount } from './support/pdf-tools';
import { createTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(240_000);

const TOTAL = 600;
const DAY = '2026-04-14';

interface Progress {
  status: string;
  done: number;
  total: number;
}

describe('a letter batch whose worker is killed', () => {
  let database: TestDatabase;
  let db: DataSource;
  const services: DocumentsProcess[] = [];
  const env = () => ({
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `kp-test-${randomBytes(4).toString('hex')}`,
  });
  let serviceEnv: { DATABASE_URL: string; QUEUE_PREFIX: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(modelDataSourceOptions(database.url));
    await db.initialize();
    serviceEnv = env();
  });
  afterAll(async () => {
    for (const service of services) await service.stop();
    await db.destroy();
    await database.drop();
  });

  const progress = async (batchId: string): Promise<Progress> =>
    (
      await db.query(`SELECT status, done, total FROM letter_batches WHERE id = $1`, [batchId])
    )[0] as Progress;

  it('is finished by the restarted service with every letter exactly once', async () => {
    const first = await DocumentsProcess.start(serviceEnv);
    services.push(first);
    const office = await createLetterOffice(request(first.url), db);
    const bookingIds = await createDayOfBookings(db, office, {
      day: DAY,
      count: TOTAL,
      languages: ['ar', 'so', 'fa', 'ru', 'en', 'ti', 'zh', 'ckb'],
    });

    const created = await request(first.url)
      .post('/api/letters/batch')
      .set('Authorization', `Bearer ${office.token}`)
      .send({ sessionDate: DAY });
    expect(created.status).toBe(202);
    const batchId = created.body.id as string;

    // Kill it once some chunks are committed and most are not.
    let before: Progress = await progress(batchId);
    for (let i = 0; i < 2000 && before.done === 0; i++) {
      await sleep(20);
      before = await progress(batchId);
    }
    await first.crash();
    before = await progress(batchId);
    expect(before.status).toBe('running');
    expect(before.done).toBeGreaterThan(0);
    expect(before.done).toBeLessThan(TOTAL);
    const keptBefore: Array<{ id: string }> = await db.query(
      `SELECT id FROM letters WHERE batch_id = $1`,
      [batchId],
    );

    const second = await DocumentsProcess.start(serviceEnv);
    services.push(second);
    let after = await progress(batchId);
    for (let i = 0; i < 1800 && after.status !== 'done' && after.status !== 'failed'; i++) {
      await sleep(100);
      after = await progress(batchId);
    }
    expect(after).toEqual({ status: 'done', done: TOTAL, total: TOTAL });

    const letters: Array<{ id: string; test_booking_id: string; pdf: Buffer }> = await db.query(
      `SELECT id, test_booking_id, pdf FROM letters WHERE batch_id = $1`,
      [batchId],
    );
    expect(letters).toHaveLength(TOTAL);
    expect(letters.map((l) => l.test_booking_id).sort()).toEqual([...bookingIds].sort());
    // What the first worker committed before it died is kept, not printed again.
    const ids = new Set(letters.map((l) => l.id));
    expect(keptBefore.filter((l) => !ids.has(l.id))).toEqual([]);

    const [{ pdf }]: Array<{ pdf: Buffer }> = await db.query(
      `SELECT pdf FROM letter_batches WHERE id = $1`,
      [batchId],
    );
    expect(await pdfPageCount(pdf)).toBe(letters.reduce((sum, l) => sum + pageCount(l.pdf), 0));
  });

  it('pauses between chunks on a normal shutdown and resumes on the next start', async () => {
    const first = await DocumentsProcess.start(serviceEnv);
    services.push(first);
    const office = await createLetterOffice(request(first.url), db);
    const day = '2026-04-15';
    await createDayOfBookings(db, office, { day, count: 400, languages: ['so', 'uk', 'th'] });
    const created = await request(first.url)
      .post('/api/letters/batch')
      .set('Authorization', `Bearer ${office.token}`)
      .send({ sessionDate: day });
    expect(created.status).toBe(202);
    const batchId = created.body.id as string;
    let before = await progress(batchId);
    for (let i = 0; i < 2000 && before.done === 0; i++) {
      await sleep(20);
      before = await progress(batchId);
    }

    await first.stop();
    before = await progress(batchId);
    expect(before.status).toBe('running');
    expect(before.done).toBeLessThan(400);

    services.push(await DocumentsProcess.start(serviceEnv));
    let after = await progress(batchId);
    for (let i = 0; i < 1800 && after.status !== 'done' && after.status !== 'failed'; i++) {
      await sleep(100);
      after = await progress(batchId);
    }
    expect(after).toEqual({ status: 'done', done: 400, total: 400 });
    const [{ n }]: Array<{ n: number }> = await db.query(
      `SELECT count(DISTINCT test_booking_id)::int AS n FROM letters WHERE batch_id = $1`,
      [batchId],
    );
    expect(n).toBe(400);
  });
});
