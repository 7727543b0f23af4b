import type { Page } from 'playwright-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { DocumentsModule } from '../apps/documents/src/documents.module';
import { QueueModule } from '../apps/queue/src/queue.module';
import { publishCourse } from './support/courses';
import { screenshot } from './support/browser';
import { createOrganisation, createUser, signIn } from './support/factories';
import { createSession } from './support/test-bookings';
import {
  type BrowserTestApp,
  expectAccessible,
  navigating,
  signInTo,
  startBrowserApp,
  textOf,
  type WebTestApp,
} from './support/web-app';

async function clientCount(t: WebTestApp, officeId: string): Promise<number> {
  const rows: Array<{ count: string }> = await t.db.query(
    `SELECT count(*) FROM clients WHERE office_id = $1`,
    [officeId],
  );
  return Number(rows[0].count);
}

describe('the official in the browser', () => {
  let t: BrowserTestApp;
  let page: Page;
  let officeId: string;
  let official: { username: string };
  let sessionId: string;
  let courseId: string;

  beforeAll(async () => {
    t = await startBrowserApp([BookingModule, QueueModule, DocumentsModule]);
    page = t.page;
    officeId = await createOrganisation(t.db, 'employment-office', { name: 'Helsingin TE' });
    official = await createUser(t.db, 'official', officeId);
    const tester = await signIn(t.http, t.db, 'tester');
    sessionId = await createSession(t.http, tester.token, { capacity: 3 });
    const provider = await signIn(t.http, t.db, 'provider');
    courseId = (await publishCourse(t.http, provider.token, { name: 'Suomea työhön' })).id;
  });

  /** Fetches a download link's file in the page, with the page's own session cookie. */
  const download = (selector: string) =>
    page.$eval(selector, async (link) => {
      const response = await fetch(link.getAttribute('href') ?? '');
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      };
    });
  afterAll(() => t?.close());

  it('registers a client, records consent, books a test place and prints the invitation', async () => {
    await page.goto(`${t.baseUrl}/login`);
    await expectAccessible(page);
    await signInTo(page, t.baseUrl, official.username, '/clients');

    await navigating(page, () => page.click('a[href="/clients/new"]'));
    await expectAccessible(page);

    // Nothing filled in: errors beside the fields, tied to them, and nothing stored.
    expect(
      await navigating(page, () => page.click('form[action="/clients"] button[type=submit]')),
    ).toBe(400);
    expect(await page.getAttribute('#firstName', 'aria-describedby')).toBe('firstName-error');
    expect(await page.$('#birthDate-error')).not.toBeNull();
    expect(await clientCount(t, officeId)).toBe(0);
    await expectAccessible(page);

    // A wrong identity code: the error names that field and what was typed stays.
    await page.fill('#firstName', 'Amina');
    await page.fill('#lastName', 'Hassan');
    await page.fill('#birthDate', '13.10.1952');
    await page.fill('#personalIdentityCode', '131052-308U');
    await page.selectOption('#nativeLanguage', 'so');
    await page.selectOption('#letterLanguage', 'so');
    await page.selectOption('#targetLanguage', 'fi');
    expect(
      await navigating(page, () => page.click('form[action="/clients"] button[type=submit]')),
    ).toBe(400);
    expect(await textOf(page, '#personalIdentityCode-error')).toMatch(/check character/);
    expect(await page.inputValue('#firstName')).toBe('Amina');
    expect(await page.inputValue('#letterLanguage')).toBe('so');
    expect(await clientCount(t, officeId)).toBe(0);

    await page.fill('#personalIdentityCode', '');
    await page.fill('#personalIdentityCode', '131052-308T');
    expect(
      await navigating(page, () => page.click('form[action="/clients"] button[type=submit]')),
    ).toBe(200);
    expect(await textOf(page, 'h1')).toBe('Amina Hassan');
    expect(await textOf(page, '.notice')).toMatch(/registered/);
    expect(await clientCount(t, officeId)).toBe(1);
    await expectAccessible(page);

    // Consent: a bad time is refused beside its field, then recorded.
    await page.fill('#givenTime', '25.00');
    await page.selectOption('#method', 'written');
    expect(
      await navigating(page, () => page.click('form[action$="/consent"] button[type=submit]')),
    ).toBe(400);
    expect(await page.$('#givenTime-error')).not.toBeNull();
    await page.fill('#givenTime', '');
    expect(
      await navigating(page, () => page.click('form[action$="/consent"] button[type=submit]')),
    ).toBe(200);
    expect(await textOf(page, '#consent-status')).toMatch(
      /Consent given \d{1,2}\.\d{1,2}\.\d{4} 12:00/,
    );

    // Free test places, then book one.
    await navigating(page, () => page.click('a[href^="/test-places?clientId="]'));
    await expectAccessible(page);
    expect(await textOf(page, `[data-places-left="${sessionId}"]`)).toBe('3');
    expect(
      await navigating(page, () =>
        page.click(`form[action="/test-places/${sessionId}/book"] button`),
      ),
    ).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/test place is booked/);
    await expectAccessible(page);

    // The invitation letter, printed by the documents service, downloaded as a PDF.
    await page.click('button[data-letter-kind="test-invitation"]');
    await page.waitForSelector('a[data-letter-link]', { timeout: 60_000 });
    expect(await download('a[data-letter-link]')).toEqual({
      status: 200,
      type: 'application/pdf',
      head: '%PDF-',
    });
    const letters: Array<{ kind: string; language: string }> = await t.db.query(
      `SELECT kind, language FROM letters`,
    );
    expect(letters).toEqual([{ kind: 'test-invitation', language: 'so' }]);
    await expectAccessible(page);

    // The main page, now with a client on it, for a person to look at; then back to the client.
    const clientPage = page.url();
    await page.goto(`${t.baseUrl}/clients`);
    expect(await textOf(page, 'tbody tr')).toContain('Hassan, Amina');
    await screenshot(page, 'official-clients');
    await page.goto(clientPage);
  });

  it('books a course seat, with a reason when the level does not fit, and prints the letter', async () => {
    await navigating(page, () => page.click('a[href^="/courses?clientId="]'));
    await expectAccessible(page);
    await navigating(page, () => page.click(`a[href^="/courses/${courseId}?clientId="]`));
    await expectAccessible(page);
    // No start level on record yet: the office must say why it books anyway.
    expect(await navigating(page, () => page.click('form[action$="/seats"] button'))).toBe(409);
    expect(await textOf(page, '#form-error')).toMatch(/give a reason/);
    await page.fill('#levelOverrideReason', 'Tested elsewhere; certificate seen at the desk.');
    expect(await navigating(page, () => page.click('form[action$="/seats"] button'))).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/course seat is booked/);
    await expectAccessible(page);

    await page.click('button[data-letter-kind="course-place"]');
    await page.waitForSelector('a[data-letter-link]', { timeout: 60_000 });
    expect(await download('a[data-letter-link]')).toMatchObject({ status: 200, head: '%PDF-' });
  });

  it('shows the waiting lists from the queue service', async () => {
    await page.goto(`${t.baseUrl}/waiting-lists`);
    await page.waitForFunction(
      "!document.querySelector('[data-queue-source]').textContent.includes('Loading')",
    );
    // Either the table or "nobody is waiting", never "the service does not answer".
    expect(await textOf(page, '[data-queue-source]')).not.toMatch(/does not answer/);
    await expectAccessible(page);
  });

  it("batch-prints the invitations of a session's day", async () => {
    const [{ day }]: Array<{ day: string }> = await t.db.query(
      `SELECT to_char(starts_at AT TIME ZONE 'Europe/Helsinki', 'FMDD.FMMM.YYYY') AS day
         FROM test_sessions WHERE id = $1`,
      [sessionId],
    );
    await page.goto(`${t.baseUrl}/letters/batch`);
    await expectAccessible(page);
    await page.fill('#sessionDate', '');
    await page.fill('#sessionDate', '31.2.2026');
    await page.click('#batch-form button');
    await page.waitForSelector('#sessionDate-error');
    await expectAccessible(page);
    await page.fill('#sessionDate', '');
    await page.fill('#sessionDate', day);
    await page.click('#batch-form button');
    await page.waitForSelector('a[data-batch-link]', { timeout: 90_000 });
    expect(await download('a[data-batch-link]')).toMatchObject({ status: 200, head: '%PDF-' });
  });

  it("answers 404 for another office's client", async () => {
    const otherOffice = await createOrganisation(t.db, 'employment-office');
    const other = await signIn(t.http, t.db, 'official', otherOffice);
    const response = await t.http
      .post('/api/clients')
      .set('Authorization', `Bearer ${other.token}`)
      .send({
        firstName: 'Ali',
        lastName: 'Nur',
        birthDate: '1988-02-02',
        nativeLanguage: 'ar',
        letterLanguage: 'ar',
        targetLanguage: 'fi',
      });
    const foreign = await page.goto(`${t.baseUrl}/clients/${(response.body as { id: string }).id}`);
    expect(foreign?.status()).toBe(404);
    await expectAccessible(page);
  });
});
