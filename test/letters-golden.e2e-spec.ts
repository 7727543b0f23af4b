import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@kotoportti/platform';
import { LetterTemplates } from '../apps/documents/src/letter-templates/letter-templates';
import { BrowserPool } from '../apps/documents/src/rendering/browser-pool';
import { LetterRenderer } from '../apps/documents/src/rendering/letter-renderer';
import { PdfPrinter } from '../apps/documents/src/rendering/pdf-printer';
import { defaultPoolOptions } from '../apps/documents/src/rendering/renderer-options';
import { notdefGlyphs } from './support/pdf-glyphs';
import { firstPagePng, pdfFonts } from './support/pdf-tools';
import { differingShare, readGreyPng } from './support/png';
import { sampleLetter } from './support/letter-samples';

/**
 * Wrong direction and missing glyphs do not show in extracted text, so the first page of each
 * language's invitation is compared, as pixels, with a reference image that a person looked
 * at. `UPDATE_GOLDEN=1 npx jest test/letters-golden.e2e-spec.ts` rewrites the references
 * after an intended change; look at them before committing.
 */
const GOLDEN_DIR = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DPI = 50;
/** Anti-aliasing may differ between font or poppler builds; a moved line or a box does not hide in this. */
const TOLERANCE = 0.004;

/** The font each script must be set in, as pdffonts names the embedded subset. */
const SCRIPT_FONTS: Record<string, RegExp> = {
  Latn: /NotoSans-Regular/,
  Cyrl: /NotoSans-Regular/,
  Arab: /NotoNaskhArabic/,
  Thai: /NotoSansThai/,
  Ethi: /NotoSansEthiopic/,
};

const templates = LetterTemplates.load();
const languages = templates.languages();

/** Every character some installed font has, from fontconfig's own coverage tables. */
function installedCoverage(): (codePoint: number) => boolean {
  const ranges = execFileSync('fc-list', ['--format', '%{charset}\\n'], { encoding: 'utf8' })
    .split(/\s+/)
    .filter(Boolean)
    .map((range) => range.split('-').map((hex) => parseInt(hex, 16)))
    .map(([from, to]) => [from, to ?? from] as const);
  const covered = new Set<number>();
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) covered.add(c);
  return (codePoint) => covered.has(codePoint);
}

describe('letters as printed (golden images)', () => {
  const pool = new BrowserPool(defaultPoolOptions(loadConfig().chromiumPath));
  const renderer = new LetterRenderer(templates, new PdfPrinter(pool));

  beforeAll(() => mkdirSync(GOLDEN_DIR, { recursive: true }));
  afterAll(async () => {
    await pool.close();
  });

  it.each(languages)(
    'prints the %s invitation as its reference image, fonts embedded, no empty boxes',
    async (lang) => {
      const pdf = await renderer.renderOne(sampleLetter('test-invitation', lang));
      expect(notdefGlyphs(pdf)).toBe(0);

      const fonts = await pdfFonts(pdf);
      expect(fonts.filter((font) => !font.embedded)).toEqual([]);
      const script = templates.meta(lang).script;
      if (SCRIPT_FONTS[script]) {
        expect(fonts.map((font) => font.name)).toContainEqual(
          expect.stringMatching(SCRIPT_FONTS[script]),
        );
      } else {
        // Chromium embeds the CFF-based Noto Sans CJK as Type 3 glyph programs.
        expect(fonts.map((font) => font.type)).toContain('Type 3');
      }

      const png = await firstPagePng(pdf, DPI);
      const path = join(GOLDEN_DIR, `test-invitation-${lang}.png`);
      if (UPDATE || !existsSync(path)) {
        writeFileSync(path, png);
        if (!UPDATE)
          throw new Error(
            `no reference image for ${lang}; wrote ${path}, look at it and commit it`,
          );
        return;
      }
      expect(differingShare(readGreyPng(png), readGreyPng(readFileSync(path)))).toBeLessThanOrEqual(
        TOLERANCE,
      );
    },
  );

  it('has a reference image for every language and no stale ones', () => {
    const references = readdirSync(GOLDEN_DIR).filter((file) => file.endsWith('.png'));
    expect(references.sort()).toEqual(
      languages.map((lang) => `test-invitation-${lang}.png`).sort(),
    );
  });

  it('notices a changed page and an empty box (the checks can fail)', async () => {
    const tofu = sampleLetter('test-invitation', 'ar', {
      client: { ...sampleLetter('test-invitation', 'ar').client, firstName: 'Amina \u0870\ue000' },
    });
    const pdf = await renderer.renderOne(tofu);
    expect(notdefGlyphs(pdf)).toBeGreaterThan(0);
    const otherLanguage = readGreyPng(
      await firstPagePng(await renderer.renderOne(sampleLetter('test-invitation', 'fa')), DPI),
    );
    const reference = readGreyPng(readFileSync(join(GOLDEN_DIR, 'test-invitation-ar.png')));
    expect(differingShare(otherLanguage, reference)).toBeGreaterThan(TOLERANCE * 3);
  });

  it('has an installed font for every character of every translation', () => {
    const covered = installedCoverage();
    const missing: string[] = [];
    for (const lang of languages) {
      const { strings, meta } = templates.block(lang).translation;
      for (const text of [meta.name, ...strings.values()]) {
        for (const char of text) {
          const codePoint = char.codePointAt(0)!;
          if (!/\s/.test(char) && !covered(codePoint))
            missing.push(`${lang}: U+${codePoint.toString(16)}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
    expect(covered(0xe000)).toBe(false);
  });
});
