import type { Type } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousViolations } from './browser';
import { TEST_PASSWORD } from './factories';
import { startTestApp, TestApp } from './test-app';

export interface WebTestApp extends TestApp {
  baseUrl: string;
}

/** The real app on a real port, for a real browser. */
async function startWebApp(features: Type[]): Promise<WebTestApp> {
  const t = await startTestApp(features);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

/** A fresh context (its own cookies) that asks for a language, as a browser set to it would. */
export async function newPage(browser: Browser, acceptLanguage = 'en'): Promise<Page> {
  const context = await browser.newContext({
    extraHTTPHeaders: { 'Accept-Language': acceptLanguage },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/**
 * A browser for one test file, and a page that throws on every page error. The browser asks
 * for English, as a browser set to English would, unless the test picks another language.
 */
async function openBrowser(acceptLanguage = 'en'): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  return { browser, page: await newPage(browser, acceptLanguage) };
}

export interface BrowserTestApp extends WebTestApp {
  browser: Browser;
  page: Page;
}

/** The real app on a real port and a browser to use it with; close() closes both. */
export async function startBrowserApp(
  features: Type[],
  acceptLanguage = 'en',
): Promise<BrowserTestApp> {
  const t = await startWebApp(features);
  try {
    const { browser, page } = await openBrowser(acceptLanguage);
    const close = async () => {
      await browser.close();
      await t.close();
    };
    return { ...t, browser, page, close };
  } catch (error) {
    // No afterAll would close an app whose browser did not start.
    await t.close();
    throw error;
  }
}

/**
 * Navigation caused by an action (a click, a submit), waited for together with the action;
 * the status of the page finally shown (after a redirect, the redirect's target).
 */
export async function navigating(page: Page, action: () => Promise<unknown>): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  return response?.status() ?? 0;
}

/** Picks the interface language with the switch every page has. */
export async function chooseLanguage(page: Page, language: 'fi' | 'sv' | 'en') {
  await navigating(page, () => page.click(`button[name="language"][value="${language}"]`));
}

/** Signs in on the sign-in page, in the language picked there first. */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  username: string,
  language: 'fi' | 'sv' | 'en' = 'en',
) {
  await page.goto(`${baseUrl}/login`);
  await chooseLanguage(page, language);
  await page.fill('#username', username);
  await page.fill('#password', TEST_PASSWORD);
  const status = await navigating(page, () => page.click('button.primary'));
  expect(status).toBe(200);
}

/** Signs in through the page; the user must land on `path`, a page that passes axe too. */
export async function signInTo(page: Page, baseUrl: string, username: string, path: string) {
  await signInThroughPage(page, baseUrl, username);
  expect(new URL(page.url()).pathname).toBe(path);
  await expectAccessible(page);
}

/** The page passes axe-core's WCAG 2.1 AA rules with no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  expect({ url: page.url(), violations: await seriousViolations(page) }).toEqual({
    url: page.url(),
    violations: [],
  });
}

/** Text of an element, trimmed, for assertions. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** An attribute of an element, for assertions (aria-describedby and the like). */
export async function attributeOf(page: Page, selector: string, name: string) {
  return page.getAttribute(selector, name);
}
