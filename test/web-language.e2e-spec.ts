import type { Browser, Page } from 'puppeteer-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { createOrganisation, createUser, TEST_PASSWORD } from './support/factories';
import {
  chooseLanguage,
  expectAccessible,
  navigating,
  openBrowser,
  signInThroughPage,
  startWebApp,
  textOf,
  WebTestApp,
} from './support/web-app';

describe('the interface language', () => {
  let t: WebTestApp;
  let browser: Browser;
  let page: Page;
  let tester: { id: string; username: string };

  beforeAll(async () => {
    t = await startWebApp([BookingModule]);
    ({ browser, page } = await openBrowser());
    tester = await createUser(t.db, 'tester', await createOrganisation(t.db, 'test-centre'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const lang = () => page.$eval('html', (html) => html.getAttribute('lang'));

  it('is picked by the user, sticks in the browser and in the user setting', async () => {
    await page.goto(`${t.baseUrl}/login`);
    expect(await lang()).toBe('en');
    await chooseLanguage(page, 'sv');
    expect(await lang()).toBe('sv');
    expect(await textOf(page, 'h1')).toBe('Logga in');
    expect(await page.title()).toBe('Logga in – Kotoportti');
    await expectAccessible(page);

    await signInThroughPage(page, t.baseUrl, tester.username, 'sv');
    expect(await textOf(page, 'h1')).toBe('Testställets tillfällen');
    // d.m.yyyy, whatever the language.
    expect(await textOf(page, 'main > p')).toMatch(
      /^\d{1,2}\.\d{1,2}\.\d{4} – \d{1,2}\.\d{1,2}\.\d{4}$/,
    );
    await expectAccessible(page);

    await chooseLanguage(page, 'fi');
    expect(await lang()).toBe('fi');
    expect(await textOf(page, 'h1')).toBe('Testipisteen tilaisuudet');
    const [user]: Array<{ ui_language: string }> = await t.db.query(
      `SELECT ui_language FROM users WHERE id = $1`,
      [tester.id],
    );
    expect(user.ui_language).toBe('fi');
    await expectAccessible(page);

    // Another browser, no cookie: the user's own setting decides once signed in.
    const context = await browser.createBrowserContext();
    const other = await context.newPage();
    await other.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await other.goto(`${t.baseUrl}/login`);
    expect(await other.$eval('html', (html) => html.getAttribute('lang'))).toBe('en');
    await other.type('#username', tester.username);
    await other.type('#password', TEST_PASSWORD);
    await navigating(other, () => other.click('button.primary'));
    expect(await other.$eval('html', (html) => html.getAttribute('lang'))).toBe('fi');
    await context.close();
  });
});
