/**
 * Where a batch's CPU goes, without the database or the queue: the letters' HTML and the cut
 * into per-letter PDFs (Node), setContent and page.pdf (every Chromium process, from /proc),
 * and the batch PDF's assembly. Chunks as the batch worker makes them (languageChunks), or with
 * PLAIN_CHUNKS=1 cut every CHUNK letters of the language-sorted list.
 *
 *   node -r ./test/support/register-ts.js bench/letters/phases.ts
 *
 * TOTAL (1000) and CHUNK (BATCH_CHUNK_SIZE) change the counts; PER_LANGUAGE=1 also prints the
 * Chromium CPU of each chunk by its languages.
 */
import { DEFAULT_LETTER_LANGUAGES } from '@kotoportti/model';
import { loadConfig } from '@kotoportti/platform';
import { LetterTemplates } from '../../apps/documents/src/letter-templates/letter-templates';
import { LetterHtml } from '../../apps/documents/src/letter-templates/letter-html';
import { BrowserPool } from '../../apps/documents/src/rendering/browser-pool';
import {
  type CutLetters,
  cutLetters,
  LetterMerge,
} from '../../apps/documents/src/rendering/letter-pages';
import {
  BATCH_CHUNK_SIZE,
  defaultPoolOptions,
} from '../../apps/documents/src/rendering/renderer-options';
import { sampleLetter } from '../../test/support/letter-samples';
import { chunks, languageChunks } from '../../apps/documents/src/batches/batch-items';
import { CpuMeter, descendants } from './process-memory';

const LANGUAGES = DEFAULT_LETTER_LANGUAGES.filter((lang) => lang !== 'fi');
const TOTAL = Number(process.env.TOTAL ?? 1000);
const CHUNK = Number(process.env.CHUNK ?? BATCH_CHUNK_SIZE);

const nodeSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function main() {
  const html = new LetterHtml(LetterTemplates.load());
  const pool = new BrowserPool(defaultPoolOptions(loadConfig().chromiumPath));
  await pool.warmUp();
  const letters = Array.from({ length: TOTAL }, (_, i) =>
    sampleLetter('test-invitation', LANGUAGES[Math.floor((i * LANGUAGES.length) / TOTAL)]),
  );
  const items = letters.map((letter, i) => ({
    subjectId: String(i),
    clientId: String(i),
    language: letter.language,
  }));
  const printChunks = (
    process.env.PLAIN_CHUNKS === '1' ? chunks(items, CHUNK) : languageChunks(items, CHUNK)
  ).map((chunk) => chunk.map((item) => letters[Number(item.subjectId)]));
  const node = { html: 0, cut: 0, merge: 0 };
  const chromium = { setContent: 0, pdf: 0 };
  const byLanguages = new Map<string, number>();
  const cuts: CutLetters[] = [];
  let printedBytes = 0;
  const lease = await pool.acquire('background');
  try {
    for (const chunk of printChunks) {
      let before = nodeSeconds();
      const document = html.document(chunk, { markers: true });
      node.html += nodeSeconds() - before;
      const meter = new CpuMeter(() => descendants(process.pid));
      await lease.page.setContent(document, { waitUntil: 'load' });
      const afterSetContent = meter.total();
      const pdf = Buffer.from(
        await lease.page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          tagged: false,
          outline: false,
        }),
      );
      const afterPdf = meter.total();
      chromium.setContent += afterSetContent;
      chromium.pdf += afterPdf - afterSetContent;
      const key = [...new Set(chunk.map((letter) => letter.language))].join('+');
      byLanguages.set(key, (byLanguages.get(key) ?? 0) + afterPdf);
      printedBytes += pdf.length;
      before = nodeSeconds();
      cuts.push(cutLetters(pdf, chunk.length));
      node.cut += nodeSeconds() - before;
    }
    const before = nodeSeconds();
    const merge = new LetterMerge();
    for (const cut of cuts) for (const pages of cut.pages) merge.addFromPrint(cut.print, pages);
    const batchBytes = merge.toBuffer().length;
    node.merge = nodeSeconds() - before;
    const fmt = (seconds: number) => `${seconds.toFixed(2)} CPU-s`;
    console.log(`${TOTAL} letters in ${printChunks.length} chunks (chunk size ${CHUNK})`);
    console.log(
      `  Node: HTML ${fmt(node.html)}, cutting ${fmt(node.cut)}, batch PDF ${fmt(node.merge)}`,
    );
    console.log(
      `  Chromium: setContent ${fmt(chromium.setContent)}, page.pdf ${fmt(chromium.pdf)}, ` +
        `${((1000 * (chromium.setContent + chromium.pdf)) / TOTAL).toFixed(1)} ms a letter`,
    );
    console.log(
      `  printed ${(printedBytes / 2 ** 20).toFixed(1)} MiB, batch PDF ${(batchBytes / 2 ** 20).toFixed(1)} MiB`,
    );
    if (process.env.PER_LANGUAGE === '1') {
      for (const [languages, seconds] of byLanguages)
        console.log(`  ${languages}: ${fmt(seconds)}`);
    }
  } finally {
    pool.release(lease, { letters: 0 });
    await pool.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
