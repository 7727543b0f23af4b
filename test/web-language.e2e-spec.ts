import type { Page } from 'playwright-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { screenshot } from './support/browser';
import { createOrganisation, createUser, TEST_PASSWORD } from './support/factories';
import {
  type BrowserTestApp,
  chooseLanguage,
  expectAccessible,
  navigating,
  newPage,
  signInThroughPage,
  startBrowserApp,
  textOf,
} from './support/web-app';

describe('the interface language', () => {
  let t: BrowserTestApp;
  let page: Page;
  let tester: { id: string; username: string };

  beforeAll(async () => {
    t = await startBrowserApp([BookingModule]);
    page = t.page;
    tester = await createUser(t.db, 'tester', await createOrganisation(t.db, 'test-centre'));
  });
  afterAll(() => t?.close());

  const lang = () => page.getAttribute('html', 'lang');

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
    await screenshot(page, 'tester-sessions-fi');

    // Another browser, no cookie: the user's own setting decides once signed in.
    const other = await newPage(t.browser, 'en');
    await other.goto(`${t.baseUrl}/login`);
    expect(await other.getAttribute('html', 'lang')).toBe('en');
    await other.fill('#username', tester.username);
    await other.fill('#password', TEST_PASSWORD);
    await navigating(other, () => other.click('button.primary'));
    expect(await other.getAttribute('html', 'lang')).toBe('fi');
    await other.context().close();
  });
});
