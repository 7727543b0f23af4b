import { loadConfig } from '@kotoportti/platform';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { CoursePlaceFacts } from '../apps/documents/src/letter-templates/letter-data';
import { LetterHtml } from '../apps/documents/src/letter-templates/letter-html';
import { LetterTemplates } from '../apps/documents/src/letter-templates/letter-templates';
import { CHROMIUM_ARGS } from '../apps/documents/src/rendering/browser-pool';
import { normalise, pdfText } from './support/pdf-tools';
import { SAMPLE_OFFICE, sampleFacts, sampleLetter } from './support/letter-samples';

const templates = LetterTemplates.load();
const html = new LetterHtml(templates);
const PHONE = '+358 29 502 0401';

interface Box {
  left: number;
  right: number;
}

interface BlockLayout {
  cells: number;
  direction: string;
  cellBox: Box;
  titleBox: Box;
  plus: Box;
  firstDigit: Box;
  nameA: Box;
  nameH: Box;
  start: Box;
  end: Box;
}

/**
 * Layout facts of the client's cells, read from Chromium's own layout in print mode: which
 * way the text runs and where characters end up on the line. Plain JavaScript run in the
 * page (the repository compiles without the DOM's types).
 */
const PROBE = `(lang, phone) => {
  const box = (rect) => ({ left: rect.left, right: rect.right });
  const charBox = (node, index) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    return box(range.getBoundingClientRect());
  };
  const cells = [...document.querySelectorAll('.cell[lang="' + lang + '"]')];
  const first = cells[0];
  // The title text's own extent, not the heading's full-width box.
  const title = document.createRange();
  title.selectNodeContents(first.querySelector('h1'));
  const bdis = [...document.querySelectorAll('.cell[lang="' + lang + '"] bdi')];
  const phoneText = bdis.find((b) => b.textContent === phone).firstChild;
  const name = [...first.querySelector('p').querySelectorAll('bdi')].find((b) => b.textContent.includes('Amina'));
  const nameText = name.firstChild;
  const whenCell = cells.find((cell) => cell.closest('.key-facts'));
  const times = whenCell.querySelectorAll('p')[1].querySelectorAll('bdi');
  return {
    cells: cells.length,
    direction: getComputedStyle(first).direction,
    cellBox: box(first.getBoundingClientRect()),
    titleBox: box(title.getBoundingClientRect()),
    plus: charBox(phoneText, 0),
    firstDigit: charBox(phoneText, 1),
    nameA: charBox(nameText, 0),
    nameH: charBox(nameText, nameText.data.indexOf('H')),
    start: box(times[0].getBoundingClientRect()),
    end: box(times[1].getBoundingClientRect()),
  };
}`;

/**
 * Values the bidi algorithm does reorder inside right-to-left text when they are not isolated
 * (each was seen reordered in pdftotext's output of the unisolated letter), with how many
 * printed lines carry each one: the recipient block and the Finnish block print some of them
 * too. "Amina Hassan", "Anna-Liisa O. 2nd", "Amina Hassan 2" or a date in the block's own
 * script come out the same with or without isolation, so they would prove nothing here.
 */
const REORDERABLE = [
  // A Latin name ending in a period: the period jumps to the name's start (".Anna-Liisa Hassan Jr").
  { value: 'Anna-Liisa Hassan Jr.', piece: 'Anna-Liisa', lines: 3 },
  // An address starting with a number: the number jumps to its end ("Mannerheimintie, … 5").
  { value: '5 Mannerheimintie, 00100 Helsinki', piece: 'Mannerheimintie', lines: 2 },
  // The office address without a street, postal code first: "Helsinki 00240".
  { value: '00240 Helsinki', piece: '00240', lines: 3 },
  // A date range typed into the schedule, digits only: its ends swap ("5.6.2026–12.1.2026").
  { value: '12.1.2026–5.6.2026', piece: '12.1.2026', lines: 2 },
];

/** A course-place letter carrying every value of REORDERABLE. */
function reorderableLetter(lang: string) {
  const sample = sampleLetter('course-place', lang);
  const facts: CoursePlaceFacts = {
    ...(sampleFacts('course-place') as CoursePlaceFacts),
    address: '5 Mannerheimintie, 00100 Helsinki',
    schedule: '12.1.2026–5.6.2026',
  };
  return sampleLetter('course-place', lang, {
    client: { ...sample.client, firstName: 'Anna-Liisa', lastName: 'Hassan Jr.' },
    office: { ...SAMPLE_OFFICE, streetAddress: null },
    facts,
  });
}

/** The same HTML with nothing isolated: `<bdi>` turned into `<span>`, `unicode-bidi` reset. */
function withoutIsolation(document: string): string {
  return document
    .replace(/<bdi\b/g, '<span')
    .replace(/<\/bdi>/g, '</span>')
    .replace('</style>', '.cell * { unicode-bidi: normal !important; }</style>');
}

/** The values of REORDERABLE that some printed line shows only in part, i.e. reordered. */
function outOfOrder(lines: readonly string[]): string[] {
  return REORDERABLE.filter(({ value, piece }) =>
    lines.some((line) => line.includes(piece) && !line.includes(value)),
  ).map(({ value }) => value);
}

function clientBlockLayout(page: Page, lang: string): Promise<BlockLayout> {
  return page.evaluate(
    `(${PROBE})(${JSON.stringify(lang)}, ${JSON.stringify(PHONE)})`,
  ) as Promise<BlockLayout>;
}

describe('the right-to-left block', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: loadConfig().chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      pipe: true,
    });
    page = await browser.newPage();
    await page.emulateMediaType('print');
    await page.setViewport({ width: 794, height: 1123 });
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(['ar', 'fa', 'ckb', 'prs'])(
    'runs right to left in %s, while numbers and Latin names keep their own order',
    async (lang) => {
      await page.setContent(
        html.document([sampleLetter('test-invitation', lang)], { markers: false }),
      );
      const layout = await clientBlockLayout(page, lang);
      expect(layout.cells).toBeGreaterThan(5);
      expect(layout.direction).toBe('rtl');
      // Right-aligned: the title ends at the cell's right edge and starts well inside it.
      expect(Math.abs(layout.titleBox.right - layout.cellBox.right)).toBeLessThan(2);
      expect(layout.titleBox.left).toBeGreaterThan(layout.cellBox.left + 20);
      // "+358…" stays "+358…": the plus sign is to the left of the first digit.
      expect(layout.plus.right).toBeLessThanOrEqual(layout.firstDigit.left + 0.5);
      // "Amina Hassan" is not turned into "Hassan Amina".
      expect(layout.nameA.left).toBeLessThan(layout.nameH.left);
      // Read from the right: the start time comes first, i.e. stands to the right of the end time.
      expect(layout.start.left).toBeGreaterThan(layout.end.right);
    },
  );

  it('would show the plus sign on the wrong side without isolation (the check can fail)', async () => {
    await page.setContent(
      `<p dir="rtl" style="font-family:'Noto Naskh Arabic'">الهاتف: <span id="n">${PHONE}</span></p>`,
    );
    const [plus, digit] = (await page.evaluate(`(() => {
      const node = document.getElementById('n').firstChild;
      return [0, 1].map((i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      });
    })()`)) as number[];
    expect(plus).toBeGreaterThan(digit);
  });

  /** The letter printed to PDF as the service prints it, read back by pdftotext, line by line. */
  async function printedLines(document: string): Promise<string[]> {
    await page.setContent(document);
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    return (await pdfText(pdf)).split('\n').map(normalise).filter(Boolean);
  }

  it.each(['ar', 'fa', 'ckb', 'prs'])(
    'prints a name ending in a period, addresses starting with a number and a date range in order in %s',
    async (lang) => {
      const lines = await printedLines(
        html.document([reorderableLetter(lang)], { markers: false }),
      );
      expect(outOfOrder(lines)).toEqual([]);
      for (const { value, piece, lines: count } of REORDERABLE) {
        // Every line holding a piece of the value holds all of it: the right-to-left block's too.
        expect(lines.filter((line) => line.includes(piece))).toEqual(
          Array(count).fill(expect.stringContaining(value)),
        );
      }
    },
  );

  it.each(['ar', 'fa', 'ckb', 'prs'])(
    'would reorder each of them without isolation in %s (the checks can fail)',
    async (lang) => {
      const lines = await printedLines(
        withoutIsolation(html.document([reorderableLetter(lang)], { markers: false })),
      );
      expect(outOfOrder(lines)).toEqual(REORDERABLE.map(({ value }) => value));
      const text = lines.join('\n');
      for (const reordered of [
        '.Anna-Liisa Hassan Jr',
        'Mannerheimintie, 00100 Helsinki 5',
        'Helsinki 00240',
        '5.6.2026–12.1.2026',
      ]) {
        expect(text).toContain(reordered);
      }
    },
  );

  it('keeps the Finnish block left to right beside it', async () => {
    await page.setContent(
      html.document([sampleLetter('test-invitation', 'ar')], { markers: false }),
    );
    const direction = await page.evaluate(
      `getComputedStyle(document.querySelector('.cell[lang="fi"]')).direction`,
    );
    expect(direction).toBe('ltr');
  });
});
