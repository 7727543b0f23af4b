import { Logger } from '@nestjs/common';
import type { LetterData } from '../letter-templates/letter-data';
import { LetterHtml } from '../letter-templates/letter-html';
import type { LetterTemplates } from '../letter-templates/letter-templates';
import { type CutLetters, cutLetters } from './letter-pages';
import { PdfFormatError } from './pdf-file';
import type { PdfPrinter } from './pdf-printer';
import { batchTimeoutMs, SINGLE_LETTER_TIMEOUT_MS } from './renderer-options';

/** Letter data → printable HTML → PDF, one letter at the desk or many in the background. */
export class LetterRenderer {
  private readonly logger = new Logger('letter-renderer');
  private readonly html: LetterHtml;

  constructor(
    readonly templates: LetterTemplates,
    private readonly printer: PdfPrinter,
  ) {
    this.html = new LetterHtml(templates);
  }

  get templateVersion(): string {
    return this.templates.version;
  }

  /** The HTML exactly as it is printed, for the preview in the browser. */
  preview(data: LetterData): string {
    return this.html.document([data], { markers: false });
  }

  async renderOne(data: LetterData): Promise<Buffer> {
    return this.printer.print({
      html: this.preview(data),
      letters: 1,
      priority: 'interactive',
      timeoutMs: SINGLE_LETTER_TIMEOUT_MS,
    });
  }

  /**
   * Many letters as one HTML document printed once (far faster than one by one), then cut
   * into one PDF per letter at the markers. Should the cut ever fail, the letters are
   * printed one by one instead: slower, never wrong (and without `print`).
   */
  async renderMany(
    letters: readonly LetterData[],
  ): Promise<Partial<CutLetters> & { pdfs: Buffer[] }> {
    const pdf = await this.printer.print({
      html: this.html.document(letters, { markers: true }),
      letters: letters.length,
      priority: 'background',
      timeoutMs: batchTimeoutMs(letters.length),
    });
    try {
      return cutLetters(pdf, letters.length);
    } catch (error) {
      if (!(error instanceof PdfFormatError)) throw error;
      this.logger.error(`${error.message}; printing these ${letters.length} letters one by one`);
      const pdfs: Buffer[] = [];
      for (const letter of letters) {
        pdfs.push(
          await this.printer.print({
            html: this.preview(letter),
            letters: 1,
            priority: 'background',
            timeoutMs: SINGLE_LETTER_TIMEOUT_MS,
          }),
        );
      }
      return { pdfs };
    }
  }
}
