import { Inject, Injectable } from '@nestjs/common';
import puppeteer from 'puppeteer-core';
import { APP_CONFIG, AppConfig, DomainError, pdfRenderDuration } from '@kotoportti/platform';

/** As the letter printer: no sandbox (it needs user namespaces), nothing that phones home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
];
const TIMEOUT_MS = 60_000;
/** Each export runs a browser of its own (a few hundred MB): this many at once, no more. */
export const MAX_EXPORTS_AT_ONCE = 2;

/**
 * HTML → PDF for subject-access exports. Exports are rare, so a browser is started for each
 * one and closed after, rather than keeping a pool warm in the booking service (the letter
 * pool belongs to the documents service, which apps/booking may not import). Only a few run
 * at once; one more is refused at once (503 with Retry-After) before anything is read.
 */
@Injectable()
export class ExportPdf {
  private running = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Takes a slot, then asks `html` for the document (which reads and audits) and prints it. */
  async print(html: () => Promise<string>): Promise<Buffer> {
    if (this.running >= MAX_EXPORTS_AT_ONCE) {
      throw new DomainError(
        'unavailable',
        'renderer-busy',
        'Other exports are being printed; try again in a moment',
      );
    }
    this.running++;
    try {
      return await this.render(await html());
    } finally {
      this.running--;
    }
  }

  private async render(html: string): Promise<Buffer> {
    const stopTimer = pdfRenderDuration.startTimer({ priority: 'export' });
    let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
    try {
      browser = await puppeteer.launch({
        executablePath: this.config.chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: TIMEOUT_MS,
      });
      const page = await browser.newPage();
      // No network: the document is self-contained, and a name must never fetch anything.
      await page.setJavaScriptEnabled(false);
      await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUT_MS });
      const pdf = Buffer.from(
        await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: TIMEOUT_MS }),
      );
      stopTimer();
      return pdf;
    } catch (error) {
      throw new DomainError(
        'unavailable',
        'renderer-failed',
        'The export could not be printed; try again in a moment',
        { reason: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      await browser?.close().catch(() => undefined);
    }
  }
}
