import { loadConfig } from '@kotoportti/platform';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { LetterHtml } from '../apps/documents/src/letter-templates/letter-html';
import { LetterTemplates } from '../apps/documents/src/letter-templates/letter-templates';
import { CHROMIUM_ARGS } from '../apps/documents/src/rendering/browser-pool';
import { sampleLetter } from './support/letter-samples';

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
