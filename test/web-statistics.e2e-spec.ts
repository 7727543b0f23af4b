import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { screenshot } from './support/browser';
import { createUser } from './support/factories';
import {
  createWorld,
  seedCourseHistory,
  seedQueueHistory,
  seedTestHistory,
} from './support/statistics-world';
import {
  type BrowserTestApp,
  expectAccessible,
  navigating,
  signInThroughPage,
  startBrowserApp,
  textOf,
} from './support/web-app';

/** Each report over a range of the known history, and a first CSV header it must download. */
const REPORTS = [
  { name: 'queues', range: 'from=2026-06-28&to=2026-06-30', csvHeader: 'targetLanguage' },
  { name: 'waiting-times', range: 'from=2026-01-01&to=2026-06-30', csvHeader: 'month' },
  { name: 'recommendations', range: 'from=2026-03-01&to=2026-04-30', csvHeader: 'month' },
  { name: 'tests', range: 'from=2026-03-01&to=2026-04-30', csvHeader: 'month' },
  { name: 'courses', range: 'from=2026-01-01&to=2026-06-30', csvHeader: 'month' },
];

/** The first CSV link of the page, downloaded as a browser does; its text. */
async function downloadCsv(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.stat-section a[download]'),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('the analyst in the browser', () => {
  let t: BrowserTestApp;
  let page: Page;
  let analyst: { username: string };

  beforeAll(async () => {
    t = await startBrowserApp([BookingModule]);
    page = t.page;
    const w = await createWorld(t);
    await seedQueueHistory(t, w);
    await seedTestHistory(t, w);
    await seedCourseHistory(t, w);
    analyst = await createUser(t.db, 'analyst', w.regionA);
  });
  afterAll(() => t?.close());

  it('signs in, finds the statistics in the navigation and lists the reports', async () => {
    await signInThroughPage(page, t.baseUrl, analyst.username);
    await navigating(page, () => page.click('header nav a[href="/statistics"]'));
    expect(await textOf(page, 'h1')).toBe('Statistics');
    expect(await page.$$eval('main .link-list a', (links) => links.length)).toBe(REPORTS.length);
    await expectAccessible(page);
  });

  for (const report of REPORTS) {
    it(`shows the ${report.name} chart with its table and downloads its CSV`, async () => {
      await page.goto(`${t.baseUrl}/statistics/${report.name}?${report.range}`);
      expect(await page.getAttribute('header nav a[href="/statistics"]', 'aria-current')).toBe(
        'page',
      );
      const chart = page.locator('.stat-figure svg[role="img"]');
      expect(await chart.count()).toBe(1);
      expect(await chart.isVisible()).toBe(true);
      const title = await chart.getAttribute('aria-labelledby');
      expect((await textOf(page, `#${title}`)).length).toBeGreaterThan(0);
      // Something is drawn (a line or a bar), and the same numbers are in the table beside it.
      expect(
        await page.locator('.stat-figure svg path, .stat-figure svg .bar').count(),
      ).toBeGreaterThan(0);
      const chartRows = await page.locator('.stat-figure table tbody tr').count();
      expect(chartRows).toBeGreaterThan(0);
      expect(await page.locator('.stat-figure table tbody td[colspan]').count()).toBe(0);

      const csv = await downloadCsv(page);
      expect(csv.name).toMatch(new RegExp(`^kotoportti-${report.name}.*\\.csv$`));
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...lines] = csv.text.slice(1).split('\r\n');
      expect(header.split(',')[0]).toBe(report.csvHeader);
      expect(lines.filter((line) => line.length > 0).length).toBeGreaterThan(0);

      await expectAccessible(page);
      await screenshot(page, `statistics-${report.name}`);
    });
  }
});
