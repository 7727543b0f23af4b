import { Logger } from '@nestjs/common';
import type { Page } from 'puppeteer-core';
import { DomainError, pdfRenderDuration } from '@kotoportti/platform';
import { BrowserPool, RendererBusy, type RenderPriority } from './browser-pool';

export interface PrintJob {
  html: string;
  /** How many letters the document holds: counts towards recycling the browser. */
  letters: number;
  priority: RenderPriority;
  timeoutMs: number;
}

class RenderTimeout extends Error {
  constructor(ms: number) {
    super(`render did not finish in ${ms} ms`);
    this.name = 'RenderTimeout';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function printOn(page: Page, html: string, timeoutMs: number): Promise<Buffer> {
  // The HTML has no external resources and uses installed fonts, so 'load' comes at once.
  await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    // Untagged: a structure tree costs time and would tie pages together when a batch is split.
    tagged: false,
    outline: false,
    timeout: timeoutMs,
  });
  return Buffer.from(pdf);
}

/**
 * HTML → PDF on a pooled page. A render that hangs or hits a crashed browser is abandoned
 * after its timeout and tried once more on a fresh browser; a second failure is reported.
 */
export class PdfPrinter {
  private readonly logger = new Logger('pdf-printer');
  /** Renders that needed their second attempt: tests and the benchmark read it. */
  retries = 0;

  constructor(private readonly pool: BrowserPool) {}

  async print(job: PrintJob): Promise<Buffer> {
    for (let attempt = 1; ; attempt++) {
      const lease = await this.pool.acquire(job.priority);
      try {
        const stopTimer = pdfRenderDuration.startTimer({ priority: job.priority });
        const pdf = await withTimeout(printOn(lease.page, job.html, job.timeoutMs), job.timeoutMs);
        stopTimer();
        this.pool.release(lease, { letters: job.letters });
        return pdf;
      } catch (error) {
        this.pool.release(lease, { broken: true });
        if (error instanceof RendererBusy) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= 2) {
          throw new DomainError(
            'unavailable',
            'renderer-failed',
            'The letter could not be printed; try again in a moment',
            { reason },
          );
        }
        this.retries++;
        this.logger.warn(`render failed (${reason}); retrying once on a fresh browser`);
      }
    }
  }
}
