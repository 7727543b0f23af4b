import { createHash } from 'node:crypto';
import { entryOf, PdfFile, PdfFormatError, referencesIn } from './pdf-file';

const REFERENCE = /(\d+)\s+(\d+)\s+R\b/g;
const CATALOG = 1;
const PAGE_TREE = 2;

/** Keys of a page that point outside it: its parent, the batch markers, the structure tree. */
function pageHeadWithoutLinks(head: string): string {
  if (!entryOf(head, 'MediaBox') || !/\/Resources\b/.test(head)) {
    // Chromium puts both on every page; inherited ones would need the old page tree.
    throw new PdfFormatError('a page without its own /MediaBox and /Resources');
  }
  return head
    .replace(/\/Parent\s+\d+\s+\d+\s+R/, '')
    .replace(/\/Annots\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/, '')
    .replace(/\/StructParents\s+\d+/, '');
}

/**
 * Writes a new PDF from pages of existing ones. Objects shared by the pages (fonts, images)
 * are copied once per source; with `dedupe`, identical objects from different sources (the
 * same font subset in two letters split from one batch print) are also written only once,
 * because children are copied first and identical content then has identical references.
 */
export class PdfBuilder {
  private readonly parts: Buffer[] = [];
  private readonly offsets: number[] = [];
  private readonly pageRefs: number[] = [];
  private readonly byContent = new Map<string, number>();
  private readonly copies = new Map<PdfFile, Map<number, number>>();
  private nextRef = PAGE_TREE + 1;
  private length = 0;

  constructor(private readonly options: { dedupe: boolean } = { dedupe: false }) {
    this.append(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  get pageCount(): number {
    return this.pageRefs.length;
  }

  addPage(file: PdfFile, pageNum: number): void {
    const memo = this.memoFor(file);
    const head = this.rewrite(file, pageHeadWithoutLinks(file.object(pageNum).head), memo);
    const ref = this.nextRef++;
    this.writeObject(ref, `${head.replace(/>>\s*$/, '')}\n/Parent ${PAGE_TREE} 0 R>>`, null);
    this.pageRefs.push(ref);
  }

  addPages(file: PdfFile, pageNums: readonly number[]): void {
    for (const pageNum of pageNums) this.addPage(file, pageNum);
  }

  toBuffer(): Buffer {
    if (this.pageRefs.length === 0) throw new PdfFormatError('a PDF needs at least one page');
    const kids = this.pageRefs.map((ref) => `${ref} 0 R`).join(' ');
    this.writeObject(
      PAGE_TREE,
      `<</Type /Pages /Count ${this.pageRefs.length} /Kids [${kids}]>>`,
      null,
    );
    this.writeObject(CATALOG, `<</Type /Catalog /Pages ${PAGE_TREE} 0 R>>`, null);
    const size = this.nextRef;
    const xrefAt = this.length;
    const rows = ['xref', `0 ${size}`, '0000000000 65535 f '];
    for (let ref = 1; ref < size; ref++) {
      const offset = this.offsets[ref];
      rows.push(
        offset === undefined
          ? '0000000000 65535 f '
          : `${String(offset).padStart(10, '0')} 00000 n `,
      );
    }
    rows.push(
      'trailer',
      `<</Size ${size} /Root ${CATALOG} 0 R>>`,
      'startxref',
      String(xrefAt),
      '%%EOF',
      '',
    );
    this.append(Buffer.from(rows.join('\n'), 'latin1'));
    return Buffer.concat(this.parts, this.length);
  }

  private memoFor(file: PdfFile): Map<number, number> {
    let memo = this.copies.get(file);
    if (!memo) {
      memo = new Map();
      this.copies.set(file, memo);
    }
    return memo;
  }

  /** The text with every reference replaced by the number of its copy in this PDF. */
  private rewrite(file: PdfFile, head: string, memo: Map<number, number>, path: number[] = []) {
    for (const ref of referencesIn(head)) this.copy(file, ref, memo, path);
    return head.replace(REFERENCE, (_, num: string) => `${memo.get(Number(num))} 0 R`);
  }

  private copy(file: PdfFile, num: number, memo: Map<number, number>, path: number[]): void {
    if (memo.has(num)) return;
    if (path.includes(num)) throw new PdfFormatError(`reference cycle through object ${num}`);
    const object = file.object(num);
    const head = this.rewrite(file, object.head, memo, [...path, num]);
    if (this.options.dedupe) {
      const key = createHash('sha1').update(head, 'latin1');
      if (object.stream) key.update('\0stream\0').update(object.stream);
      const digest = key.digest('hex');
      const existing = this.byContent.get(digest);
      if (existing !== undefined) {
        memo.set(num, existing);
        return;
      }
      this.byContent.set(digest, this.nextRef);
    }
    const ref = this.nextRef++;
    memo.set(num, ref);
    this.writeObject(ref, head, object.stream);
  }

  private writeObject(ref: number, head: string, stream: Buffer | null): void {
    this.offsets[ref] = this.length;
    this.append(Buffer.from(`${ref} 0 obj\n${head}\n`, 'latin1'));
    if (stream) {
      this.append(Buffer.from('stream\n', 'latin1'));
      this.append(stream);
      this.append(Buffer.from('\nendstream\n', 'latin1'));
    }
    this.append(Buffer.from('endobj\n', 'latin1'));
  }

  private append(bytes: Buffer): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }
}
