import { loadConfig } from '@kotoportti/platform';
import { LetterTemplates } from '../apps/documents/src/letter-templates/letter-templates';
import { BrowserPool, RendererBusy } from '../apps/documents/src/rendering/browser-pool';
import { mergeLetters, splitLetters } from '../apps/documents/src/rendering/letter-pages';
import { LetterRenderer } from '../apps/documents/src/rendering/letter-renderer';
import { PdfFormatError } from '../apps/documents/src/rendering/pdf-file';
import { PdfPrinter } from '../apps/documents/src/rendering/pdf-printer';
import { defaultPoolOptions } from '../apps/documents/src/rendering/renderer-options';
import { sampleLetter } from './support/letter-samples';
import { normalise, pdfPageCount, pdfText } from './support/pdf-tools';

const chromium = loadConfig().chromiumPath;
const templates = LetterTemplates.load();

function rendererWith(options: Partial<ReturnType<typeof defaultPoolOptions>> = {}) {
  const pool = new BrowserPool({ ...defaultPoolOptions(chromium), ...options });
  const printer = new PdfPrinter(pool);
  return { pool, printer, renderer: new LetterRenderer(templates, printer) };
}

const letterFor = (name: string, language: string, kind = 'test-invitation' as const) =>
  sampleLetter(kind, language, {
    client: { ...sampleLetter(kind, language).client, firstName: name, lastName: 'Client' },
  });

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the letter renderer', () => {
  it('prints many letters on one warm browser and recycles it after its quota', async () => {
    const { pool, renderer } = rendererWith({ recycleAfterLetters: 4 });
    try {
      for (let i = 0; i < 3; i++) await renderer.renderOne(letterFor(`A${i}`, 'en'));
      expect(pool.launches).toBe(1);
      for (let i = 0; i < 6; i++) await renderer.renderOne(letterFor(`B${i}`, 'en'));
      // 9 letters, a new browser after every 4.
      expect(pool.launches).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('replaces a crashed browser and prints the next letter', async () => {
    const { pool, renderer } = rendererWith();
    try {
      await renderer.renderOne(letterFor('Before', 'so'));
      const pid = pool.browserPid!;
      process.kill(pid, 'SIGKILL');
      const pdf = await renderer.renderOne(letterFor('After', 'so'));
      expect(normalise(await pdfText(pdf))).toContain('After Client');
      expect(pool.launches).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('gives up on a hung render after its timeout, retries it once, and keeps serving', async () => {
    const { pool, printer, renderer } = rendererWith();
    try {
      const huge = `<html><body>${'<p>Rivi tekstiä</p>'.repeat(200_000)}</body></html>`;
      await expect(
        printer.print({ html: huge, letters: 1, priority: 'interactive', timeoutMs: 200 }),
      ).rejects.toMatchObject({ kind: 'unavailable', code: 'renderer-failed' });
      expect(printer.retries).toBe(1);
      const pdf = await renderer.renderOne(letterFor('Later', 'fi'));
      expect(normalise(await pdfText(pdf))).toContain('Later Client');
    } finally {
      await pool.close();
    }
  });

  it('refuses work beyond its queue with renderer-busy instead of piling it up', async () => {
    const { pool, renderer } = rendererWith({ pages: 1, maxWaiting: 1 });
    try {
      const results = await Promise.allSettled(
        ['One', 'Two', 'Three', 'Four'].map((name) => renderer.renderOne(letterFor(name, 'en'))),
      );
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
      ]);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(RendererBusy);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'renderer-busy' });
    } finally {
      await pool.close();
    }
  });

  it('prints a batch as one document and cuts it into one PDF per letter', async () => {
    const { pool, renderer } = rendererWith();
    try {
      const letters = [
        letterFor('Aino', 'fi'),
        letterFor('Bashir', 'ar'),
        letterFor('Chen', 'zh', 'course-place' as never),
        letterFor('Dawit', 'ti', 'waiting-list' as never),
        letterFor('Elena', 'uk'),
      ];
      const { pdfs } = await renderer.renderMany(letters);
      expect(pdfs).toHaveLength(letters.length);
      for (const [i, pdf] of pdfs.entries()) {
        const text = normalise(await pdfText(pdf));
        const names = letters.map((l) => `${l.client.firstName} Client`);
        expect(names.filter((name) => text.includes(name))).toEqual([names[i]]);
        expect(await pdfPageCount(pdf)).toBe(
          await pdfPageCount(await renderer.renderOne(letters[i])),
        );
      }
      const merged = mergeLetters(pdfs);
      const pages = await Promise.all(pdfs.map(pdfPageCount));
      expect(await pdfPageCount(merged)).toBe(pages.reduce((a, b) => a + b, 0));
      expect(normalise(await pdfText(merged))).toMatch(
        /Aino Client[\s\S]*Bashir Client[\s\S]*Elena Client/,
      );
    } finally {
      await pool.close();
    }
  });

  it('writes the fonts that letters of one print share only once when merging them', async () => {
    const { pool, renderer } = rendererWith();
    try {
      const { pdfs } = await renderer.renderMany(
        ['A', 'B', 'C', 'D', 'E'].map((n) => letterFor(n, 'en')),
      );
      const merged = mergeLetters(pdfs);
      const separately = pdfs.reduce((sum, pdf) => sum + pdf.length, 0);
      expect(merged.length).toBeLessThan(separately * 0.5);
    } finally {
      await pool.close();
    }
  });

  it('refuses to cut a print whose letter markers do not match', async () => {
    const { pool, renderer } = rendererWith();
    try {
      const pdf = await renderer.renderOne(letterFor('Single', 'en'));
      expect(() => splitLetters(pdf, 1)).toThrow(PdfFormatError);
    } finally {
      await pool.close();
    }
  });

  it('closes its browser when closed', async () => {
    const { pool, renderer } = rendererWith();
    await renderer.renderOne(letterFor('Last', 'en'));
    const pid = pool.browserPid!;
    expect(processAlive(pid)).toBe(true);
    await pool.close();
    for (let i = 0; i < 50 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(processAlive(pid)).toBe(false);
  });
});
