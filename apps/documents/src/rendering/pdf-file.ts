/**
 * A reader for the PDFs Chromium writes (Skia: a classic xref table, no object streams, direct
 * stream lengths). Just enough to take pages out of one PDF and put them into another, which
 * is how a batch is printed once and still stored letter by letter. Anything outside that
 * shape is refused with PdfFormatError rather than guessed at.
 */

export class PdfFormatError extends Error {
  constructor(message: string) {
    super(`Unexpected PDF structure: ${message}`);
    this.name = 'PdfFormatError';
  }
}

export interface PdfObject {
  /** The object's text between `obj` and `stream`/`endobj`, as latin1 (one char per byte). */
  head: string;
  stream: Buffer | null;
}

const REFERENCE = /(\d+)\s+(\d+)\s+R\b/g;

export function referencesIn(text: string): number[] {
  return [...text.matchAll(REFERENCE)].map((match) => Number(match[1]));
}

/** The first value of `/Key` in a dictionary's text, e.g. `/Kids [1 0 R 2 0 R]` → `[1 0 R 2 0 R]`. */
export function entryOf(head: string, key: string): string | undefined {
  const match = new RegExp(
    `/${key}(?![A-Za-z0-9])\\s*(\\[[^\\]]*\\]|\\d+\\s+\\d+\\s+R|/[A-Za-z]+|[\\d.]+)`,
  ).exec(head);
  return match?.[1];
}

/** Index just after the dictionary that starts at `start` (`<<`), skipping strings and nesting. */
function endOfDictionary(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      i = endOfString(text, i);
    } else if (c === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (c === '<') {
      i = text.indexOf('>', i);
    }
  }
  throw new PdfFormatError('unterminated dictionary');
}

function endOfString(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new PdfFormatError('unterminated string');
}

export class PdfFile {
  private readonly objects = new Map<number, PdfObject>();

  private constructor(
    private readonly bytes: Buffer,
    private readonly text: string,
    private readonly offsets: Map<number, number>,
    readonly rootRef: number,
  ) {}

  static parse(bytes: Buffer): PdfFile {
    const text = bytes.toString('latin1');
    const startxref = text.lastIndexOf('startxref');
    if (startxref < 0) throw new PdfFormatError('no startxref');
    const xrefAt = Number(/startxref\s+(\d+)/.exec(text.slice(startxref))?.[1]);
    if (!text.startsWith('xref', xrefAt)) throw new PdfFormatError('no classic xref table');
    const trailerAt = text.indexOf('trailer', xrefAt);
    if (trailerAt < 0) throw new PdfFormatError('no trailer');
    const offsets = new Map<number, number>();
    const table = text.slice(xrefAt + 4, trailerAt);
    const section = /(\d+)\s+(\d+)\s*[\r\n]+/y;
    const entry = /(\d{10}) (\d{5}) ([nf])\s*[\r\n]*/y;
    let position = table.search(/\S/);
    while (position >= 0 && position < table.length) {
      section.lastIndex = position;
      const head = section.exec(table);
      if (!head) throw new PdfFormatError('bad xref section');
      position = section.lastIndex;
      for (let n = Number(head[1]), end = n + Number(head[2]); n < end; n++) {
        entry.lastIndex = position;
        const row = entry.exec(table);
        if (!row) throw new PdfFormatError('bad xref entry');
        position = entry.lastIndex;
        if (row[3] === 'n') offsets.set(n, Number(row[1]));
      }
      const next = table.slice(position).search(/\S/);
      position = next < 0 ? -1 : position + next;
    }
    const root = /\/Root\s+(\d+)\s+\d+\s+R/.exec(text.slice(trailerAt));
    if (!root) throw new PdfFormatError('no /Root in trailer');
    return new PdfFile(bytes, text, offsets, Number(root[1]));
  }

  /** Bytes of the PDF (its parsed text doubles that in memory). */
  get size(): number {
    return this.bytes.length;
  }

  object(num: number): PdfObject {
    let object = this.objects.get(num);
    if (!object) {
      object = this.read(num);
      this.objects.set(num, object);
    }
    return object;
  }

  /** Page object numbers in reading order, through however deep a page tree. */
  pages(): number[] {
    const pagesRef = entryOf(this.object(this.rootRef).head, 'Pages');
    if (!pagesRef) throw new PdfFormatError('catalog without /Pages');
    const out: number[] = [];
    const walk = (num: number, depth: number) => {
      if (depth > 32) throw new PdfFormatError('page tree too deep');
      const head = this.object(num).head;
      if (/\/Type\s*\/Pages\b/.test(head)) {
        for (const kid of referencesIn(entryOf(head, 'Kids') ?? '')) walk(kid, depth + 1);
      } else {
        out.push(num);
      }
    };
    walk(referencesIn(pagesRef)[0], 0);
    return out;
  }

  /** URIs of the link annotations on a page: where the batch's letter markers are found. */
  linkUris(pageNum: number): string[] {
    let annots = entryOf(this.object(pageNum).head, 'Annots');
    if (!annots) return [];
    if (!annots.startsWith('[')) annots = this.object(referencesIn(annots)[0]).head;
    return referencesIn(annots).flatMap((ref) => {
      const uri = /\/URI\s*\(([^)]*)\)/.exec(this.object(ref).head);
      return uri ? [uri[1]] : [];
    });
  }

  private read(num: number): PdfObject {
    const offset = this.offsets.get(num);
    if (offset === undefined) throw new PdfFormatError(`object ${num} is not in the xref table`);
    const header = /(\d+)\s+(\d+)\s+obj\s*/y;
    header.lastIndex = offset;
    const match = header.exec(this.text);
    if (!match || Number(match[1]) !== num)
      throw new PdfFormatError(`object ${num} not at its offset`);
    const start = header.lastIndex;
    const end = this.text.startsWith('<<', start)
      ? endOfDictionary(this.text, start)
      : this.text.indexOf('endobj', start);
    const head = this.text.slice(start, end).trim();
    const after = /\s*(stream\r?\n|endobj)/y;
    after.lastIndex = end;
    const keyword = after.exec(this.text);
    if (!keyword) throw new PdfFormatError(`object ${num} has no endobj`);
    if (!keyword[1].startsWith('stream')) return { head, stream: null };
    const lengthValue = entryOf(head, 'Length');
    if (!lengthValue || !/^\d+$/.test(lengthValue)) {
      throw new PdfFormatError(`stream ${num} without a direct /Length`);
    }
    const dataStart = after.lastIndex;
    return { head, stream: this.bytes.subarray(dataStart, dataStart + Number(lengthValue)) };
  }
}
