import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler-utils tool on a PDF in a private temporary folder. */
async function withPdf<T>(
  pdf: Buffer,
  work: (path: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kp-pdf-'));
  try {
    const path = join(dir, 'letter.pdf');
    await writeFile(path, pdf);
    return await work(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer): Promise<string> {
  return withPdf(
    pdf,
    async (path) => (await run('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout,
  );
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  const { stdout } = await withPdf(pdf, (path) => run('pdfinfo', [path]));
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
}

export async function pdfFonts(pdf: Buffer): Promise<PdfFontRow[]> {
  const { stdout } = await withPdf(pdf, (path) => run('pdffonts', [path]));
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object, generation
      const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(
        line,
      );
      if (!match) throw new Error(`unexpected pdffonts line: ${line}`);
      return { name: match[1], type: match[2], embedded: match[4] === 'yes' };
    });
}

/** The first page as an 8-bit greyscale PNG, as pdftoppm draws it. */
export function firstPagePng(pdf: Buffer, dpi = 40): Promise<Buffer> {
  return withPdf(pdf, async (path, dir) => {
    await run('pdftoppm', [
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      String(dpi),
      '-gray',
      '-png',
      '-singlefile',
      path,
      join(dir, 'page'),
    ]);
    return readFile(join(dir, 'page.png'));
  });
}

/** Bidi controls pdftotext puts around right-to-left runs, and compatibility forms, removed. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Without any whitespace: line breaks in a narrow column no longer matter. */
export function squeeze(text: string): string {
  return normalise(text).replace(/\s/g, '');
}

function withoutMarks(text: string): string {
  return squeeze(text).normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * For right-to-left text, whose extraction pdftotext reorders: every run of letters and every
 * run of digits of `expected` (vowel marks aside) must appear somewhere in `text`.
 */
export function missingRuns(text: string, expected: string): string[] {
  const printed = withoutMarks(text);
  return (withoutMarks(expected).match(/\p{L}+|\p{Nd}+/gu) ?? []).filter(
    (run) => !printed.includes(run),
  );
}

/** A supertest parser that keeps a binary body (a PDF) as a Buffer. */
export function binaryBody(
  response: unknown,
  callback: (error: Error | null, body: Buffer) => void,
): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
