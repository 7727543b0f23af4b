import { DEFAULT_LETTER_LANGUAGES, LETTER_KINDS, type LetterKind } from '@kotoportti/model';
import { createHash } from 'node:crypto';
import { BookingModule } from '../apps/booking/src/booking.module';
import { DocumentsModule } from '../apps/documents/src/documents.module';
import { LetterDates } from '../apps/documents/src/letter-templates/letter-dates';
import { LetterTemplates } from '../apps/documents/src/letter-templates/letter-templates';
import { BrowserPool } from '../apps/documents/src/rendering/browser-pool';
import { signIn } from './support/factories';
import {
  createCourseSeat,
  createLetterClient,
  createLetterOffice,
  createTestBooking,
  createTestSession,
  createWaitingListEntry,
  type LetterOffice,
} from './support/letter-fixtures';
import { binaryBody, missingRuns, normalise, pdfText, squeeze } from './support/pdf-tools';
import { startTestApp, TestApp } from './support/test-app';

const STARTS_AT = new Date('2026-02-17T07:30:00Z'); // Tuesday 09.30 in Helsinki
const COURSE_STARTS_ON = '2026-01-12';
const WAITING_SINCE = '2025-11-20';

const templates = LetterTemplates.load();
const datesOf = (language: string) => new LetterDates(templates.meta(language));

/** The date and time each kind must print, in one language, as that language writes them. */
function expectedWhen(kind: LetterKind, language: string): string[] {
  const dates = datesOf(language);
  switch (kind) {
    case 'test-invitation':
      return [dates.date(STARTS_AT), dates.time(STARTS_AT)];
    case 'course-place':
      return [dates.day(COURSE_STARTS_ON)];
    case 'waiting-list':
      return [dates.day(WAITING_SINCE)];
  }
}

const OFFICE_PHONE = '+358 29 502 0401'; // createLetterOffice's
const INTERPRETER = 'ar'; // the interpreter language of clientWithEverything's client

/**
 * The sentences of what every letter must tell (issue 6): what to bring, how to cancel or
 * reach the office, the interpreter, and for the test invitation why the test is done and
 * what is assessed. Keys of the translation files, with the values their placeholders take.
 */
type Sentence = [key: string, values?: Record<string, string>];
const REQUIRED_SECTIONS: Record<LetterKind, Record<string, Sentence[]>> = {
  'test-invitation': {
    bring: [
      ['test-invitation.bring.heading'],
      ['test-invitation.bring.identity'],
      ['test-invitation.bring.letter'],
      ['test-invitation.bring.glasses'],
    ],
    cancel: [
      ['test-invitation.cancel.heading'],
      ['test-invitation.cancel.text'],
      ['test-invitation.cancel.noShow'],
    ],
    interpreter: [
      ['test-invitation.interpreter.heading'],
      ['test-invitation.interpreter.booked', { language: INTERPRETER }],
    ],
    why: [['test-invitation.why.heading'], ['test-invitation.why.initial']],
    assessed: [
      ['test-invitation.assessed.heading'],
      ['test-invitation.assessed.skills'],
      ['test-invitation.assessed.result'],
    ],
  },
  'course-place': {
    bring: [['course-place.firstDay.heading'], ['course-place.firstDay.text']],
    cancel: [['course-place.cannot.heading'], ['course-place.cannot.text']],
    interpreter: [
      ['common.interpreter.heading'],
      ['common.interpreter.ask'],
      ['common.interpreter.language', { language: INTERPRETER }],
    ],
  },
  'waiting-list': {
    todo: [['waiting-list.todo.heading'], ['waiting-list.todo.contact']],
    leave: [['waiting-list.todo.leave']],
    interpreter: [
      ['common.interpreter.heading'],
      ['common.interpreter.ask'],
      ['common.interpreter.language', { language: INTERPRETER }],
    ],
  },
};
const CONTACT: Sentence[] = [['common.contactHeading'], ['common.phone', { phone: OFFICE_PHONE }]];

/** A sentence of the translation file as the letter prints it: placeholders filled, language codes named. */
function sentence(language: string, key: string, values: Record<string, string> = {}): string {
  const block = templates.block(language);
  const text = block.translation.strings.get(key);
  if (text === undefined) throw new Error(`${language} has no "${key}"`);
  return text.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) =>
    name === 'language' ? block.languageNames.of(values[name])! : values[name],
  );
}

/**
 * Whether the extracted text holds `expected`: whole, or word by word for right-to-left
 * scripts, whose lines pdftotext may put in another order when a sentence wraps.
 */
function isPrinted(text: string, expected: string, language: string): boolean {
  return templates.meta(language).direction === 'rtl'
    ? expected.split(/\s+/).every((word) => missingRuns(text, word).length === 0)
    : squeeze(text).includes(squeeze(expected));
}

/** Present in the extracted text: whole, or run by run for right-to-left scripts. */
function expectPrinted(text: string, expected: string, language: string) {
  if (templates.meta(language).direction === 'rtl') {
    expect(missingRuns(text, expected)).toEqual([]);
  } else {
    expect(squeeze(text)).toContain(squeeze(expected));
  }
}

describe('letters printed at the desk', () => {
  let t: TestApp;
  let office: LetterOffice;

  beforeAll(async () => {
    t = await startTestApp([BookingModule, DocumentsModule]);
    office = await createLetterOffice(t.http, t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: object, token = office.token) =>
    t.http.post('/api/letters').set('Authorization', `Bearer ${token}`).send(body);
  const getPdf = async (id: string) => {
    const response = await t.http
      .get(`/api/letters/${id}/pdf`)
      .set('Authorization', `Bearer ${office.token}`)
      .buffer(true)
      .parse(binaryBody);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return response.body as Buffer;
  };

  /** A client with a booking, a seat and a queue entry: one subject for every letter kind. */
  async function clientWithEverything(language: string, firstName = 'Amina') {
    const clientId = await createLetterClient(t.db, office, {
      letterLanguage: language,
      firstName,
      interpreterLanguage: 'ar',
    });
    const sessionId = await createTestSession(t.db, office, { startsAt: STARTS_AT });
    const [client]: Array<{ last_name: string }> = await t.db.query(
      `SELECT last_name FROM clients WHERE id = $1`,
      [clientId],
    );
    return {
      clientId,
      name: `${firstName} ${client.last_name}`,
      subject: {
        'test-invitation': {
          bookingId: await createTestBooking(t.db, office, sessionId, clientId),
        },
        'course-place': {
          seatId: await createCourseSeat(t.db, office, clientId, { startsOn: COURSE_STARTS_ON }),
        },
        'waiting-list': {
          waitingListEntryId: await createWaitingListEntry(t.db, office, clientId, {
            waitingSince: WAITING_SINCE,
          }),
        },
      } satisfies Record<LetterKind, object>,
    };
  }

  it.each(DEFAULT_LETTER_LANGUAGES.filter((language) => language !== 'fi'))(
    'prints every kind in %s beside Finnish with the name, dates and times and no keys',
    async (language) => {
      const client = await clientWithEverything(language);
      const keys = [...templates.block('fi').translation.strings.keys()];
      for (const kind of LETTER_KINDS) {
        const created = await post({ kind, ...client.subject[kind] });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ kind, language, officeLanguage: 'fi' });
        const text = await pdfText(await getPdf(created.body.id as string));

        expect(normalise(text)).toContain(client.name);
        for (const when of expectedWhen(kind, 'fi')) expectPrinted(text, when, 'fi');
        for (const when of expectedWhen(kind, language)) expectPrinted(text, when, language);
        const title = templates.block(language).translation.strings.get(`${kind}.title`)!;
        expectPrinted(text, title, language);
        expect(keys.filter((key) => text.includes(key))).toEqual([]);
        expect(text).not.toMatch(/\{[a-zA-Z]+\}|\{\{|\}\}/);
      }
    },
  );

  it.each(['en', 'ar', 'zh'])(
    'tells in Finnish and in %s what to bring, how to cancel or reach the office, the interpreter, why and what is tested',
    async (language) => {
      const client = await clientWithEverything(language);
      for (const kind of LETTER_KINDS) {
        const created = await post({ kind, ...client.subject[kind] });
        expect(created.status).toBe(201);
        const text = await pdfText(await getPdf(created.body.id as string));
        const sentences = [...Object.values(REQUIRED_SECTIONS[kind]).flat(), ...CONTACT];
        const missing = ['fi', language].flatMap((lang) =>
          sentences
            .filter(([key, values]) => !isPrinted(text, sentence(lang, key, values), lang))
            .map(([key]) => `${kind} ${lang}: ${key}`),
        );
        expect(missing).toEqual([]);
      }
    },
  );

  it('asks about an interpreter without naming a language when the client has none', async () => {
    const clientId = await createLetterClient(t.db, office, { letterLanguage: 'en' });
    const seatId = await createCourseSeat(t.db, office, clientId);
    const created = await post({ kind: 'course-place', seatId });
    expect(created.status).toBe(201);
    const text = await pdfText(await getPdf(created.body.id as string));
    expectPrinted(text, sentence('en', 'common.interpreter.ask'), 'en');
    const named = templates.block('en').translation.strings.get('common.interpreter.language')!;
    expect(squeeze(text)).not.toContain(squeeze(named.split('{')[0]));
  });

  it('prints a single Finnish block for a Finnish-reading client', async () => {
    const client = await clientWithEverything('fi');
    const created = await post({ kind: 'test-invitation', ...client.subject['test-invitation'] });
    expect(created.status).toBe(201);
    const text = await pdfText(await getPdf(created.body.id as string));
    expectPrinted(text, datesOf('fi').date(STARTS_AT), 'fi');
    expect(text).toContain('Kutsu kielitestiin');
    expect(text).not.toContain('Invitation to a language test');
  });

  it('stores who printed it, when, the kind, language, template version, the PDF and its SHA-256', async () => {
    const client = await clientWithEverything('so');
    const before = new Date();
    const created = await post({ kind: 'course-place', ...client.subject['course-place'] });
    expect(created.status).toBe(201);
    const [row]: Array<Record<string, unknown>> = await t.db.query(
      `SELECT kind, client_id, seat_id, language, office_language, template_version, pdf, sha256,
              size_bytes, created_by, created_at FROM letters WHERE id = $1`,
      [created.body.id],
    );
    const pdf = row.pdf as Buffer;
    expect(row).toMatchObject({
      kind: 'course-place',
      client_id: client.clientId,
      seat_id: client.subject['course-place'].seatId,
      language: 'so',
      office_language: 'fi',
      template_version: templates.version,
      size_bytes: pdf.length,
      created_by: office.officialId,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(row.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect((row.created_at as Date).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await getPdf(created.body.id as string)).toEqual(pdf);

    const audit = await t.db.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'letter.create',
      'letter.read',
    ]);

    const listed = await t.http
      .get(`/api/letters?clientId=${client.clientId}`)
      .set('Authorization', `Bearer ${office.token}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: created.body.id, sha256: row.sha256 }),
    ]);
  });

  it('prints <script> typed into a name as text and never runs it', async () => {
    const clientId = await createLetterClient(t.db, office, {
      letterLanguage: 'ar',
      firstName: '<script>alert("x")</script>',
      lastName: '<b>Bold</b> & Co',
    });
    const sessionId = await createTestSession(t.db, office, { startsAt: STARTS_AT });
    const bookingId = await createTestBooking(t.db, office, sessionId, clientId);

    const created = await post({ kind: 'test-invitation', bookingId });
    expect(created.status).toBe(201);
    const text = normalise(await pdfText(await getPdf(created.body.id as string)));
    expect(text).toContain('<script>alert("x")</script> <b>Bold</b> & Co');

    const preview = await t.http
      .get(`/api/letters/preview?kind=test-invitation&bookingId=${bookingId}`)
      .set('Authorization', `Bearer ${office.token}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toMatch(/^text\/html/);
    expect(preview.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(preview.text).not.toMatch(/<script/i);
    expect(preview.text).not.toContain('<b>Bold');
  });

  it('shows the HTML preview in the client language asked for, and stores nothing', async () => {
    const client = await clientWithEverything('so');
    const preview = await t.http
      .get(
        `/api/letters/preview?kind=waiting-list&waitingListEntryId=${client.subject['waiting-list'].waitingListEntryId}&language=fa`,
      )
      .set('Authorization', `Bearer ${office.token}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('lang="fa" dir="rtl"');
    expect(preview.text).toContain(
      templates.block('fa').translation.strings.get('waiting-list.title'),
    );
    const stored = await t.db.query(`SELECT id FROM letters WHERE client_id = $1`, [
      client.clientId,
    ]);
    expect(stored).toEqual([]);
  });

  it('takes the language the official chooses, and asks for one when the client’s has no translation', async () => {
    const clientId = await createLetterClient(t.db, office, { letterLanguage: 'am' });
    const sessionId = await createTestSession(t.db, office, { startsAt: STARTS_AT });
    const bookingId = await createTestBooking(t.db, office, sessionId, clientId);

    const refused = await post({ kind: 'test-invitation', bookingId });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('letter-language-unavailable');

    const unknown = await post({ kind: 'test-invitation', bookingId, language: 'xx' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'language' })]);

    const chosen = await post({ kind: 'test-invitation', bookingId, language: 'ti' });
    expect(chosen.status).toBe(201);
    expect(chosen.body.language).toBe('ti');
    expect(
      await t.db.query(`SELECT count(*)::int AS n FROM letters WHERE client_id = $1`, [clientId]),
    ).toEqual([{ n: 1 }]);
  });

  it('names the missing field and stores nothing when the request is incomplete', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM letters`);
    const noSeat = await post({ kind: 'course-place', bookingId: office.officeId });
    expect(noSeat.status).toBe(400);
    expect(noSeat.body.details).toEqual([expect.objectContaining({ field: 'seatId' })]);
    const badKind = await post({ kind: 'love-letter' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM letters`)).toEqual(before);
  });

  it('answers 404 for another office’s client, 409 for a cancelled booking, 403 for other roles', async () => {
    const other = await createLetterOffice(t.http, t.db);
    const foreignClient = await createLetterClient(t.db, other, { letterLanguage: 'en' });
    const sessionId = await createTestSession(t.db, other, { startsAt: STARTS_AT });
    const foreignBooking = await createTestBooking(t.db, other, sessionId, foreignClient);
    expect((await post({ kind: 'test-invitation', bookingId: foreignBooking })).status).toBe(404);

    const ownClient = await createLetterClient(t.db, office, { letterLanguage: 'en' });
    const cancelled = await createTestBooking(t.db, office, sessionId, ownClient, {
      status: 'cancelled',
    });
    const conflict = await post({ kind: 'test-invitation', bookingId: cancelled });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('letter-subject-not-active');

    const tester = await signIn(t.http, t.db, 'tester');
    expect(
      (await post({ kind: 'test-invitation', bookingId: foreignBooking }, tester.token)).status,
    ).toBe(403);

    const ownLetter = await post({
      kind: 'waiting-list',
      waitingListEntryId: await createWaitingListEntry(t.db, office, ownClient),
    });
    expect(ownLetter.status).toBe(201);
    const peek = await t.http
      .get(`/api/letters/${ownLetter.body.id}/pdf`)
      .set('Authorization', `Bearer ${other.token}`);
    expect(peek.status).toBe(404);
  });

  it('answers 503 with Retry-After when the printer is saturated, and prints the rest', async () => {
    const client = await clientWithEverything('en');
    const body = { kind: 'waiting-list', ...client.subject['waiting-list'] };
    const answers = await Promise.all(Array.from({ length: 60 }, () => post(body)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0].headers['retry-after']).toMatch(/^\d+$/);
    expect(busy[0].body.code).toBe('renderer-busy');
    const stored = await t.db.query(`SELECT count(*)::int AS n FROM letters WHERE client_id = $1`, [
      client.clientId,
    ]);
    expect(stored).toEqual([{ n: statuses.filter((status) => status === 201).length }]);
  });

  it('prints the next letter after the browser crashed', async () => {
    const pool = t.app.get(BrowserPool);
    const client = await clientWithEverything('uk');
    expect((await post({ kind: 'waiting-list', ...client.subject['waiting-list'] })).status).toBe(
      201,
    );
    const launches = pool.launches;
    process.kill(pool.browserPid!, 'SIGKILL');
    const after = await post({ kind: 'test-invitation', ...client.subject['test-invitation'] });
    expect(after.status).toBe(201);
    expect(pool.launches).toBe(launches + 1);
  });

  it('prints a letter once for a repeated Idempotency-Key', async () => {
    const client = await clientWithEverything('et');
    const body = { kind: 'waiting-list', ...client.subject['waiting-list'] };
    const send = () =>
      t.http
        .post('/api/letters')
        .set('Authorization', `Bearer ${office.token}`)
        .set('Idempotency-Key', `letter-${client.clientId}`)
        .send(body);
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const stored = await t.db.query(`SELECT count(*)::int AS n FROM letters WHERE client_id = $1`, [
      client.clientId,
    ]);
    expect(stored).toEqual([{ n: 1 }]);
  });

  it('closes its browser when the service shuts down', async () => {
    const other = await startTestApp([DocumentsModule]);
    const pool = other.app.get(BrowserPool);
    await pool.warmUp();
    const pid = pool.browserPid!;
    expect(isAlive(pid)).toBe(true);
    await other.close();
    expect(isAlive(pid)).toBe(false);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
