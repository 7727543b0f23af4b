import { BookingModule } from '../apps/booking/src/booking.module';
import { recordConsent } from './support/consents';
import { clientInput } from './support/clients';
import { signIn } from './support/factories';
import {
  createCourseSeat,
  createLetterOffice,
  createTestBooking,
  createTestSession,
  createWaitingListEntry,
  type LetterOffice,
} from './support/letter-fixtures';
import { binaryBody, pdfText } from './support/pdf-tools';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

const IDENTITY_CODE = '131052-308T';

interface Export {
  client: Record<string, unknown>;
  consents: unknown[];
  testBookings: Array<{ id: string }>;
  testResults: Array<{ recommendation: string }>;
  waitingListEntries: unknown[];
  seatOffers: unknown[];
  seats: Array<{ id: string; reports: Array<{ kind: string; text: string }> }>;
  letters: Array<Record<string, unknown>>;
  auditEvents: Array<{ action: string; actorRole: string | null }>;
}

describe('subject-access export', () => {
  let t: TestApp;
  let office: LetterOffice;
  let clientId: string;
  let seatId: string;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    office = await createLetterOffice(t.http, t.db);
    const created = await t.http
      .post('/api/clients')
      .set(bearer(office.token))
      .send(
        clientInput({
          firstName: "Layla O'Neil",
          lastName: 'الحسيني',
          birthDate: '1952-10-13',
          personalIdentityCode: IDENTITY_CODE,
          email: 'layla@example.fi',
        }),
      );
    expect(created.status).toBe(201);
    clientId = created.body.id;
    // The API refuses markup in names; data from before that rule (or any other path into the
    // table) must still print as text, so the export is tested with markup in the stored name.
    await t.db.query(`UPDATE clients SET first_name = 'Layla <b>bold</b>' WHERE id = $1`, [
      clientId,
    ]);
    await recordConsent(t.db, clientId, office.officialId);
    const sessionId = await createTestSession(t.db, office, {
      startsAt: new Date('2026-01-15T08:00:00Z'),
    });
    const bookingId = await createTestBooking(t.db, office, sessionId, clientId);
    await t.db.query(
      `INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing,
         literacy, start_level, pace, recommendation, entered_by)
       VALUES ($1, $2, 'A1.2', 'A1.1', 'A1.2', 'A1.1', 'literate-latin', 'A1.1', 'basic',
         'Basic path; Layla learns fast', $3)`,
      [bookingId, clientId, office.officialId],
    );
    await createWaitingListEntry(t.db, office, clientId);
    seatId = await createCourseSeat(t.db, office, clientId);
    await t.db.query(
      `INSERT INTO seat_reports (seat_id, kind, report_date, text, reported_by)
       VALUES ($1, 'start', '2026-01-12', 'Started well', $2)`,
      [seatId, office.officialId],
    );
    await t.db.query(
      `INSERT INTO letters (kind, client_id, test_booking_id, language, office_language,
         template_version, pdf, sha256, size_bytes, created_by)
       VALUES ('test-invitation', $1, $2, 'ar', 'fi', 'v1', '\\x25504446', repeat('a', 64), 4, $3)`,
      [clientId, bookingId, office.officialId],
    );
  });
  afterAll(() => t.close());

  it('gives the office everything held about the client as JSON, and audits the export', async () => {
    const response = await t.http.get(`/api/clients/${clientId}/export`).set(bearer(office.token));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.body as Export;
    expect(body.client).toMatchObject({
      id: clientId,
      firstName: 'Layla <b>bold</b>',
      lastName: 'الحسيني',
      personalIdentityCode: IDENTITY_CODE,
      email: 'layla@example.fi',
      officeId: office.officeId,
      pseudonymisedAt: null,
    });
    expect(body.consents).toHaveLength(1);
    expect(body.testBookings).toHaveLength(1);
    expect(body.testResults).toEqual([
      expect.objectContaining({ recommendation: 'Basic path; Layla learns fast', pace: 'basic' }),
    ]);
    expect(body.waitingListEntries).toHaveLength(1);
    expect(body.seatOffers).toEqual([]);
    expect(body.seats).toEqual([
      expect.objectContaining({
        id: seatId,
        reports: [expect.objectContaining({ kind: 'start', text: 'Started well' })],
      }),
    ]);
    // Letters are listed with their metadata; the PDFs themselves stay behind the letters API.
    expect(body.letters).toHaveLength(1);
    expect(body.letters[0]).toMatchObject({ kind: 'test-invitation', language: 'ar' });
    expect(body.letters[0].pdf).toBeUndefined();
    const actions = body.auditEvents.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['client.create', 'client.export']));

    const [audit]: Array<{ actor_user_id: string; details: { format: string } }> = await t.db.query(
      `SELECT actor_user_id, details FROM audit_events
          WHERE client_id = $1 AND action = 'client.export' ORDER BY id DESC LIMIT 1`,
      [clientId],
    );
    expect(audit).toEqual({ actor_user_id: office.officialId, details: { format: 'json' } });
  });

  it('prints the same as a readable PDF, names escaped and in their own script', async () => {
    const response = await t.http
      .get(`/api/clients/${clientId}/export`)
      .query({ format: 'pdf' })
      .set(bearer(office.token))
      .buffer(true)
      .parse(binaryBody);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Data held about the client');
    expect(text).toContain('Layla <b>bold</b>');
    expect(text).toContain('الحسيني');
    expect(text).toContain(IDENTITY_CODE);
    expect(text).toContain('Course seats and reports');
    expect(text).toContain('Started well');
    const audited: Array<{ count: string }> = await t.db.query(
      `SELECT count(*) FROM audit_events
        WHERE client_id = $1 AND action = 'client.export' AND details->>'format' = 'pdf'`,
      [clientId],
    );
    expect(Number(audited[0].count)).toBe(1);
  });

  it('prints two exports at once and refuses a third with 503 before reading or auditing', async () => {
    const pdfExports = async () =>
      Number(
        (
          await t.db.query(
            `SELECT count(*) FROM audit_events
              WHERE client_id = $1 AND action = 'client.export' AND details->>'format' = 'pdf'`,
            [clientId],
          )
        )[0].count,
      );
    const before = await pdfExports();
    const ask = () =>
      t.http
        .get(`/api/clients/${clientId}/export`)
        .query({ format: 'pdf' })
        .set(bearer(office.token))
        .buffer(true)
        .parse(binaryBody);
    const answers = await Promise.all([ask(), ask(), ask()]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 503]);
    const refused = answers.find((answer) => answer.status === 503)!;
    expect(refused.headers['retry-after']).toBe('5');
    expect(JSON.parse((refused.body as Buffer).toString())).toMatchObject({
      code: 'renderer-busy',
    });
    expect(await pdfExports()).toBe(before + 2);
    const documented = (await t.http.get('/api/docs/openapi.json')).body.paths[
      '/api/clients/{id}/export'
    ].get.responses;
    expect(Object.keys(documented)).toEqual(expect.arrayContaining(['400', '404', '503']));
  });

  it('lets an admin export any client', async () => {
    const admin = await signIn(t.http, t.db, 'admin');
    const response = await t.http.get(`/api/clients/${clientId}/export`).set(bearer(admin.token));
    expect(response.status).toBe(200);
    expect((response.body as Export).client.id).toBe(clientId);
  });

  it('answers 404 to an official of another office, and writes no export event', async () => {
    const other = await signIn(t.http, t.db, 'official');
    const before = await exportEvents();
    const response = await t.http.get(`/api/clients/${clientId}/export`).set(bearer(other.token));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'not-found' });
    expect(JSON.stringify(response.body)).not.toContain('الحسيني');
    expect(await exportEvents()).toBe(before);
  });

  it('refuses testers, providers and analysts', async () => {
    for (const role of ['tester', 'provider', 'analyst'] as const) {
      const user = await signIn(t.http, t.db, role);
      const response = await t.http.get(`/api/clients/${clientId}/export`).set(bearer(user.token));
      expect(response.status).toBe(403);
    }
  });

  it('answers 400 naming the field for a bad id or format', async () => {
    const badId = await t.http.get('/api/clients/not-a-uuid/export').set(bearer(office.token));
    expect(badId.status).toBe(400);
    expect(badId.body.details).toEqual([{ field: 'id', problems: ['id must be a UUID'] }]);
    const badFormat = await t.http
      .get(`/api/clients/${clientId}/export`)
      .query({ format: 'xml' })
      .set(bearer(office.token));
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.details[0].field).toBe('format');
    const unknown = await t.http
      .get(`/api/clients/${clientId}/export`)
      .query({ everything: 'yes' })
      .set(bearer(office.token));
    expect(unknown.status).toBe(400);
  });

  async function exportEvents(): Promise<number> {
    const rows: Array<{ count: string }> = await t.db.query(
      `SELECT count(*) FROM audit_events WHERE client_id = $1 AND action = 'client.export'`,
      [clientId],
    );
    return Number(rows[0].count);
  }
});
