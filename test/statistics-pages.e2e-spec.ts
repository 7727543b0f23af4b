import { BookingModule } from '../apps/booking/src/booking.module';
import {
  createWorld,
  seedCourseHistory,
  seedQueueHistory,
  seedTestHistory,
  type StatisticsWorld,
} from './support/statistics-world';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

/** The cells of the table with this caption, row by row, as HTML text. */
function tableAfter(html: string, caption: string): string[][] {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((cell) => cell[1]),
  );
}

describe('statistics pages', () => {
  let t: TestApp;
  let w: StatisticsWorld;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    w = await createWorld(t);
    await seedQueueHistory(t, w);
    await seedTestHistory(t, w);
    await seedCourseHistory(t, w);
  });
  afterAll(() => t.close());

  // The language switch's cookie: it wins over the user's saved language.
  const page = (path: string, token: string, language = 'en') =>
    t.http.get(path).set(bearer(token)).set('Cookie', `kp_lang=${language}`);

  it('sends a visitor who is not signed in to the sign-in page, and refuses testers', async () => {
    const anonymous = await t.http.get('/statistics/queues');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fstatistics%2Fqueues');
    expect((await page('/statistics', w.tester.token)).status).toBe(403);
  });

  it('lists the reports for an analyst', async () => {
    const response = await page('/statistics', w.analyst.token);
    expect(response.status).toBe(200);
    for (const name of ['queues', 'waiting-times', 'recommendations', 'tests', 'courses']) {
      expect(response.text).toContain(`href="/statistics/${name}"`);
    }
  });

  it('draws the queue length over time with its numbers in a table beside it', async () => {
    const response = await page(
      '/statistics/queues?from=2026-06-28&to=2026-06-30',
      w.analyst.token,
    );
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="queue-length-title"/);
    expect(response.text).toContain('<path d="M');
    expect(tableAfter(response.text, 'Clients waiting per day and pace')).toEqual([
      ['Day', 'fast path', 'basic path', 'slow path'],
      ['2026-06-28', '&lt;5', '6', '&lt;5'],
      ['2026-06-29', '&lt;5', '6', '&lt;5'],
      ['2026-06-30', '&lt;5', '6', '0'],
    ]);
    const decoded = response.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(decoded).toContain(
      'href="/api/statistics/queues?format=csv&from=2026-06-28&to=2026-06-30&table=now"',
    );
  });

  it('draws the waiting-time medians per month', async () => {
    const response = await page(
      '/statistics/waiting-times?from=2026-01-01&to=2026-02-28',
      w.analyst.token,
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('aria-labelledby="waiting-medians-title"');
    // The as-of day is today, so only the placed clients' medians are fixed figures.
    const rows = tableAfter(response.text, 'Median days per month of queue entry');
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['Month', 'Median days to seat booked', 'Median days to course start'],
      ['2026-01', '35', '50'],
      ['2026-02', '35', '–'],
    ]);
  });

  it('draws the recommendations mix as stacked bars, leaving hidden counts out', async () => {
    const response = await page(
      '/statistics/recommendations?from=2026-03-01&to=2026-04-30',
      w.analyst.token,
    );
    expect(tableAfter(response.text, 'Results by pace per month')).toEqual([
      [
        'Month',
        'Pace: fast path',
        'Pace: basic path',
        'Pace: slow path',
        'Pace: literacy training',
      ],
      ['2026-03', '&lt;5', '5', '&lt;5', '0'],
      ['2026-04', '0', '15', '0', '0'],
    ]);
    const svg = response.text.slice(response.text.indexOf('<svg'), response.text.indexOf('</svg>'));
    // basic in March and basic in April; the hidden fast and slow counts are not drawn.
    expect(svg.match(/class="bar"/g)).toHaveLength(2);
  });

  it('draws the dropout reasons', async () => {
    const response = await page(
      '/statistics/courses?from=2026-01-01&to=2026-06-30',
      w.analyst.token,
    );
    const rows = tableAfter(response.text, 'Dropouts by reason');
    expect(rows[0]).toEqual(['Reason', 'Dropouts']);
    expect(rows).toContainEqual(['employment', '5']);
    expect(rows).toContainEqual(['health', '0']);
    expect(response.text).toContain('aria-labelledby="dropout-reasons-title"');
    // The provider's name is escaped, never markup.
    expect(response.text).toContain('<td>&#x3D;Kielipolku, &quot;Oy&quot;</td>');
  });

  it('shows an official the own office’s test figures', async () => {
    const response = await page(
      '/statistics/tests?from=2026-03-01&to=2026-03-31',
      w.officialA.token,
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('Figures of your own office’s clients');
    expect(response.text).toContain('aria-labelledby="no-show-rate-title"');
  });

  it('answers a bad range with 400 and the error beside the field it names', async () => {
    const response = await page('/statistics/tests?from=2026-02-30', w.analyst.token);
    expect(response.status).toBe(400);
    expect(response.text).toContain('id="from-error"');
    expect(response.text).toMatch(/id="from"[^>]*aria-invalid="true"/);
    expect(response.text).not.toContain('id="to-error"');
    const reversed = await page('/statistics/tests?from=2026-03-01&to=2026-02-01', w.analyst.token);
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('id="to-error"');
  });

  it('speaks the interface language in the shared layout, with the CSV links', async () => {
    const response = await page(
      '/statistics/courses?from=2026-01-01&to=2026-06-30',
      w.analyst.token,
      'fi',
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="fi">');
    expect(response.text).toContain('class="site-header"');
    expect(response.text).toContain('<caption>Keskeytykset syittäin</caption>');
    expect(response.text).toContain('Lataa CSV');
    expect(response.text).toMatch(/<a href="\/statistics"[^>]*aria-current="page"/);
  });
});
