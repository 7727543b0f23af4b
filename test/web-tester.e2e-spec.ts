import type { Page } from 'playwright-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { screenshot } from './support/browser';
import { registerClient } from './support/clients';
import { createOrganisation, createUser, login, signIn } from './support/factories';
import { book, createSession, giveConsent, moveSessionToPast } from './support/test-bookings';
import {
  type BrowserTestApp,
  expectAccessible,
  navigating,
  signInTo,
  startBrowserApp,
  textOf,
} from './support/web-app';

const submit = (page: Page, form: string) =>
  navigating(page, () => page.click(`form[action="${form}"] button[type=submit]`));

describe('the tester in the browser', () => {
  let t: BrowserTestApp;
  let page: Page;
  let centreId: string;
  let tester: { username: string };

  beforeAll(async () => {
    t = await startBrowserApp([BookingModule]);
    page = t.page;
    centreId = await createOrganisation(t.db, 'test-centre', { name: 'Testipiste Pasila' });
    tester = await createUser(t.db, 'tester', centreId);
  });
  afterAll(() => t?.close());

  const sessionsOfCentre = async () =>
    t.db.query<Array<{ id: string; series_id: string | null }>>(
      `SELECT id, series_id FROM test_sessions WHERE test_centre_id = $1 ORDER BY starts_at`,
      [centreId],
    );

  it('publishes a repeating session, marks attendance and enters a result', async () => {
    await signInTo(page, t.baseUrl, tester.username, '/sessions');

    await navigating(page, () => page.click('a.primary[href="/sessions/new"]'));
    await expectAccessible(page);
    // Ends before it starts: refused beside the end time, typed values kept, nothing stored.
    await page.selectOption('#targetLanguage', 'fi');
    await page.fill('#startTime', '9.00');
    await page.fill('#endTime', '8.00');
    await page.fill('#location', 'Sali 2');
    await page.fill('#address', 'Ratapihantie 11, 00520 Helsinki');
    await page.fill('#repeatWeeks', '4');
    expect(await submit(page, '/sessions')).toBe(400);
    expect(await page.getAttribute('#endTime', 'aria-describedby')).toBe(
      'endTime-hint endTime-error',
    );
    expect(await textOf(page, '#endTime-error')).toMatch(/after the start/);
    expect(await page.inputValue('#location')).toBe('Sali 2');
    expect(await sessionsOfCentre()).toEqual([]);
    await expectAccessible(page);

    await page.fill('#endTime', '');
    await page.fill('#endTime', '12.00');
    expect(await submit(page, '/sessions')).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/repeating sessions are published/);
    const sessions = await sessionsOfCentre();
    expect(sessions).toHaveLength(4);
    expect(new Set(sessions.map((s) => s.series_id)).size).toBe(1);
    expect(await page.$$eval('a[href^="/sessions/"]', (links) => links.length)).toBeGreaterThan(0);
    await page.goto(`${t.baseUrl}/sessions`);
    await screenshot(page, 'tester-sessions');

    // An office books a client into the first session, and the session takes place.
    const officeId = await createOrganisation(t.db, 'employment-office');
    const officialUser = await createUser(t.db, 'official', officeId);
    const officialToken = await login(t.http, officialUser.username);
    const clientId = await registerClient(t.http, officialToken, { firstName: 'Olena' });
    await giveConsent(t.http, officialToken, clientId);
    const bookingId = await book(t.http, officialToken, sessions[0].id, clientId);
    await moveSessionToPast(t.db, sessions[0].id);

    await page.goto(`${t.baseUrl}/sessions/${sessions[0].id}`);
    await expectAccessible(page);
    expect(await textOf(page, 'tbody tr td')).toBe('Hassan, Olena');
    expect(
      await navigating(page, () =>
        page.click(
          `form[action="/test-bookings/${bookingId}/attendance"] input[value="true"] ~ button`,
        ),
      ),
    ).toBe(200);
    expect(await textOf(page, 'td.status')).toBe('attended');

    await navigating(page, () => page.click(`a[href="/test-bookings/${bookingId}/result"]`));
    await expectAccessible(page);
    for (const skill of ['listening', 'speaking', 'reading', 'writing']) {
      await page.selectOption(`#${skill}`, skill === 'writing' ? 'A1.2' : 'A2.1');
    }
    await page.selectOption('#literacy', 'literate-latin');
    await page.fill('#recommendation', 'Integration training on the basic path.');
    // No pace chosen: refused beside the pace, the levels kept.
    expect(await submit(page, `/test-bookings/${bookingId}/result`)).toBe(400);
    expect(await page.$('#pace-error')).not.toBeNull();
    expect(await page.inputValue('#writing')).toBe('A1.2');
    expect(await t.db.query(`SELECT id FROM test_results`)).toEqual([]);
    await expectAccessible(page);

    await page.selectOption('#pace', 'basic');
    expect(await submit(page, `/test-bookings/${bookingId}/result`)).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/result is saved/);
    const results: Array<{ start_level: string; pace: string }> = await t.db.query(
      `SELECT start_level, pace FROM test_results WHERE booking_id = $1`,
      [bookingId],
    );
    expect(results).toEqual([{ start_level: 'A1.2', pace: 'basic' }]);
  });

  it('cancels a future session with a reason, refused without one', async () => {
    const token = await login(t.http, tester.username);
    const sessionId = await createSession(t.http, token, { location: 'Sali 7' });
    await page.goto(`${t.baseUrl}/sessions/${sessionId}`);
    await navigating(page, () => page.click(`a[href="/sessions/${sessionId}/cancel"]`));
    await expectAccessible(page);
    expect(await submit(page, `/sessions/${sessionId}/cancel`)).toBe(400);
    expect(await page.getAttribute('#reason', 'aria-describedby')).toBe('reason-error');
    const statusOf = async () =>
      (await t.db.query(`SELECT status FROM test_sessions WHERE id = $1`, [sessionId]))[0].status;
    expect(await statusOf()).toBe('scheduled');
    await expectAccessible(page);
    await page.fill('#reason', 'The tester is ill.');
    expect(await submit(page, `/sessions/${sessionId}/cancel`)).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/session is cancelled/);
    expect(await textOf(page, '#session-status')).toBe('Cancelled: The tester is ill.');
    expect(await statusOf()).toBe('cancelled');
    await expectAccessible(page);
  });

  it("answers 404 for another centre's session, as the API does", async () => {
    const other = await signIn(t.http, t.db, 'tester');
    const response = await t.http
      .post('/api/test-sessions')
      .set('Authorization', `Bearer ${other.token}`)
      .send({
        kind: 'initial',
        targetLanguage: 'fi',
        startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000).toISOString(),
        location: 'Room 9',
        address: 'Hervannan valtaväylä 1, Tampere',
        capacity: 5,
      });
    expect(response.status).toBe(201);
    const foreign = await page.goto(
      `${t.baseUrl}/sessions/${(response.body as { id: string }).id}`,
    );
    expect(foreign?.status()).toBe(404);
    expect(await textOf(page, 'h1')).toBe('Not found');
    await expectAccessible(page);
  });
});
