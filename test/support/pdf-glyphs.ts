import { inflateSync } from 'node:zlib';
import { PdfFile, referencesIn } from '../../apps/documents/src/rendering/pdf-file';

/**
 * How many times a page draws glyph 0, the empty box (".notdef"), from a CID font. Chromium
 * draws it when no installed font has a character; extracted text does not show it, the PDF
 * does. (Type 3 fonts, which Chromium uses for the CFF-based CJK fonts, number their glyphs
 * differently and are not counted here; the font-coverage test covers their characters.)
 */
export function notdefGlyphs(pdf: Buffer): number {
  const file = PdfFile.parse(pdf);
  let count = 0;
  for (const pageNum of file.pages()) {
    const head = file.object(pageNum).head;
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(head)?.[1] ?? '';
    const cidFonts = new Set<string>();
    for (const [, name, ref] of fonts.matchAll(/\/(\S+?)\s+(\d+)\s+\d+\s+R/g)) {
      if (/\/Subtype\s*\/Type0/.test(file.object(Number(ref)).head)) cidFonts.add(name);
    }
    for (const ref of referencesIn(
      /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(head)?.[1] ?? '',
    )) {
      const stream = file.object(ref).stream;
      if (!stream) continue;
      let font = '';
      const content = inflateSync(stream).toString('latin1');
      for (const [, tf, hex] of content.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]+)>/g)) {
        if (tf) font = tf;
        else if (cidFonts.has(font)) {
          for (let i = 0; i + 4 <= hex.length; i += 4) if (hex.slice(i, i + 4) === '0000') count++;
        }
      }
    }
  }
  return count;
}
