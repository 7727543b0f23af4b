import { setTimeout as sleep } from 'node:timers/promises';
import { BookingModule } from '../apps/booking/src/booking.module';
import { DocumentsModule } from '../apps/documents/src/documents.module';
import { pageCount } from '../apps/documents/src/rendering/letter-pages';
import {
  createDayOfBookings,
  createLetterClient,
  createLetterOffice,
  createTestBooking,
  createTestSession,
  type LetterOffice,
} from './support/letter-fixtures';
import { binaryBody, normalise, pdfPageCount, pdfText } from './support/pdf-tools';
import { startTestApp, TestApp } from './support/test-app';

const LANGUAGES = ['ar', 'so', 'fa', 'ru', 'th', 'en', 'ti', 'uk'];

describe('letter batches', () => {
  let t: TestApp;
  let office: LetterOffice;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, DocumentsModule]);
    office = await createLetterOffice(t.http, t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (token = office.token) => ({ Authorization: `Bearer ${token}` });

  async function finished(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 600; i++) {
      const response = await t.http.get(`/api/letters/batch/${id}`).set(auth());
      expect(response.status).toBe(200);
      if (response.body.status === 'done' || response.body.status === 'failed')
        return response.body;
      await sleep(100);
    }
    throw new Error('batch did not finish');
  }

  it('prints all invitations of a day in the background into one PDF, each letter stored once', async () => {
    const day = '2026-03-10';
    const bookingIds = await createDayOfBookings(t.db, office, {
      day,
      count: 150,
      languages: LANGUAGES,
    });
    // Another office's booking that day is not ours to print.
    const other = await createLetterOffice(t.http, t.db);
    await createDayOfBookings(t.db, other, { day, count: 2, languages: ['en'] });

    const created = await t.http.post('/api/letters/batch').set(auth()).send({ sessionDate: day });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ kind: 'test-invitation', total: 150 });
    expect(['queued', 'running']).toContain(created.body.status);
    const early = await t.http.get(`/api/letters/batch/${created.body.id}/pdf`).set(auth());
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('batch-not-ready');

    const batch = await finished(created.body.id as string);
    expect(batch).toMatchObject({ status: 'done', total: 150, done: 150, error: null });

    const letters: Array<{ test_booking_id: string; pdf: Buffer; language: string }> =
      await t.db.query(`SELECT test_booking_id, pdf, language FROM letters WHERE batch_id = $1`, [
        created.body.id,
      ]);
    expect(letters.map((l) => l.test_booking_id).sort()).toEqual([...bookingIds].sort());
    expect(new Set(letters.map((l) => l.language))).toEqual(new Set(LANGUAGES));

    const pdf = await t.http
      .get(`/api/letters/batch/${created.body.id}/pdf`)
      .set(auth())
      .buffer(true)
      .parse(binaryBody);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = pdf.body as Buffer;
    expect(await pdfPageCount(body)).toBe(letters.reduce((sum, l) => sum + pageCount(l.pdf), 0));
    // In the order of the day: the first session's clients first, by name.
    const text = normalise(await pdfText(body));
    expect(text.indexOf('Client-00000')).toBeLessThan(text.indexOf('Client-00001'));
    expect(text.indexOf('Client-00001')).toBeLessThan(text.indexOf('Client-00149'));

    const audits = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'letter.create' AND details->>'batchId' = $1`,
      [created.body.id],
    );
    expect(audits).toEqual([{ n: 150 }]);
  });

  it('prints chosen bookings, in the order given', async () => {
    const sessionId = await createTestSession(t.db, office, {
      startsAt: new Date('2026-03-11T08:00:00Z'),
    });
    const ids: string[] = [];
    for (const [i, language] of ['zh', 'ckb', 'prs'].entries()) {
      const clientId = await createLetterClient(t.db, office, {
        letterLanguage: language,
        lastName: `Chosen-${i}`,
      });
      ids.push(await createTestBooking(t.db, office, sessionId, clientId));
    }
    const created = await t.http
      .post('/api/letters/batch')
      .set(auth())
      .send({ bookingIds: [ids[2], ids[0], ids[1]] });
    expect(created.status).toBe(202);
    expect(await finished(created.body.id as string)).toMatchObject({ status: 'done', done: 3 });
    const pdf = await t.http
      .get(`/api/letters/batch/${created.body.id}/pdf`)
      .set(auth())
      .buffer(true)
      .parse(binaryBody);
    const text = normalise(await pdfText(pdf.body as Buffer));
    expect(text.indexOf('Chosen-2')).toBeLessThan(text.indexOf('Chosen-0'));
    expect(text.indexOf('Chosen-0')).toBeLessThan(text.indexOf('Chosen-1'));
  });

  it('names the selector when the request is not one selector, or selects nothing', async () => {
    const both = await t.http
      .post('/api/letters/batch')
      .set(auth())
      .send({ sessionDate: '2026-03-10', bookingIds: [office.officeId] });
    expect(both.status).toBe(400);
    expect(both.body.details.map((d: { field: string }) => d.field)).toEqual([
      'sessionDate',
      'bookingIds',
    ]);
    const none = await t.http.post('/api/letters/batch').set(auth()).send({});
    expect(none.status).toBe(400);
    const emptyDay = await t.http
      .post('/api/letters/batch')
      .set(auth())
      .send({ sessionDate: '2031-01-01' });
    expect(emptyDay.status).toBe(400);
    expect(emptyDay.body.details).toEqual([expect.objectContaining({ field: 'sessionDate' })]);
    const badDate = await t.http
      .post('/api/letters/batch')
      .set(auth())
      .send({ sessionDate: '2026-02-30' });
    expect(badDate.status).toBe(400);
    const wrongKind = await t.http
      .post('/api/letters/batch')
      .set(auth())
      .send({ kind: 'course-place', sessionDate: '2026-03-10' });
    expect(wrongKind.status).toBe(400);
    expect(
      await t.db.query(`SELECT count(*)::int AS n FROM letter_batches WHERE created_by = $1`, [
        office.officialId,
      ]),
    ).toEqual([{ n: 2 }]);
  });

  it('hides another office’s batches and bookings', async () => {
    const other = await createLetterOffice(t.http, t.db);
    const [foreignBooking] = await createDayOfBookings(t.db, other, {
      day: '2026-03-12',
      count: 1,
      languages: ['en'],
    });
    const refused = await t.http
      .post('/api/letters/batch')
      .set(auth())
      .send({ bookingIds: [foreignBooking] });
    expect(refused.status).toBe(404);

    const own = await t.http
      .post('/api/letters/batch')
      .set(auth(other.token))
      .send({ bookingIds: [foreignBooking] });
    expect(own.status).toBe(202);
    expect((await t.http.get(`/api/letters/batch/${own.body.id}`).set(auth())).status).toBe(404);
    expect((await t.http.get(`/api/letters/batch/${own.body.id}/pdf`).set(auth())).status).toBe(
      404,
    );
  });
});
