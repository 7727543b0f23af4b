import { LETTER_MARKER_PREFIX } from '../letter-templates/letter-html';
import { PdfBuilder } from './pdf-builder';
import { PdfFile, PdfFormatError } from './pdf-file';

/** Where each letter of a batch print begins, read from the markers Chromium kept as links. */
export function letterStartPages(file: PdfFile, letterCount: number): number[][] {
  const pages = file.pages();
  const starts: number[] = [];
  pages.forEach((pageNum, pageIndex) => {
    for (const uri of file.linkUris(pageNum)) {
      if (!uri.startsWith(LETTER_MARKER_PREFIX)) continue;
      const letterIndex = Number(uri.slice(LETTER_MARKER_PREFIX.length));
      if (letterIndex !== starts.length) {
        throw new PdfFormatError(`letter ${letterIndex} found where ${starts.length} was expected`);
      }
      starts.push(pageIndex);
    }
  });
  if (starts.length !== letterCount || starts[0] !== 0) {
    throw new PdfFormatError(`found ${starts.length} letter markers for ${letterCount} letters`);
  }
  return starts.map((start, i) => pages.slice(start, starts[i + 1] ?? pages.length));
}

/** A batch print and, for each of its letters, the pages it fills and a PDF of its own. */
export interface CutLetters {
  print: PdfFile;
  pages: number[][];
  pdfs: Buffer[];
}

/** One PDF per letter out of a batch print, in order; each keeps the fonts its pages use. */
export function cutLetters(pdf: Buffer, letterCount: number): CutLetters {
  const print = PdfFile.parse(pdf);
  const pages = letterStartPages(print, letterCount);
  const pdfs = pages.map((letterPages) => {
    const builder = new PdfBuilder();
    builder.addPages(print, letterPages);
    return builder.toBuffer();
  });
  return { print, pages, pdfs };
}

export function splitLetters(pdf: Buffer, letterCount: number): Buffer[] {
  return cutLetters(pdf, letterCount).pdfs;
}

/**
 * Stored letters back into one printable PDF, added one by one so a large batch need not be in
 * memory at once. Letters split from the same print share byte-identical fonts, which are
 * written once, so a batch PDF stays about the size of the prints it came from.
 */
export class LetterMerge {
  private readonly builder = new PdfBuilder({ dedupe: true });

  add(pdf: Buffer): void {
    const file = PdfFile.parse(pdf);
    this.builder.addPages(file, file.pages());
  }

  /** A letter's pages straight from the batch print it came from: its fonts are copied once per print. */
  addFromPrint(print: PdfFile, pages: readonly number[]): void {
    this.builder.addPages(print, pages);
  }

  get pageCount(): number {
    return this.builder.pageCount;
  }

  toBuffer(): Buffer {
    return this.builder.toBuffer();
  }
}

export function mergeLetters(pdfs: readonly Buffer[]): Buffer {
  const merge = new LetterMerge();
  for (const pdf of pdfs) merge.add(pdf);
  return merge.toBuffer();
}

export function pageCount(pdf: Buffer): number {
  return PdfFile.parse(pdf).pages().length;
}
