import { type BatchItem, languageChunks } from './batch-items';

function items(counts: Record<string, number>): BatchItem[] {
  return Object.entries(counts).flatMap(([language, count]) =>
    Array.from({ length: count }, (_, i) => ({
      subjectId: `${language}-${i}`,
      clientId: `${language}-${i}`,
      language,
    })),
  );
}

const shape = (chunks: BatchItem[][]) =>
  chunks.map((chunk) => {
    const counts = new Map<string, number>();
    for (const item of chunk) counts.set(item.language, (counts.get(item.language) ?? 0) + 1);
    return [...counts].map(([language, count]) => `${language}:${count}`).join(' ');
  });

describe('languageChunks', () => {
  it('keeps a language of up to twice the chunk size in one print', () => {
    expect(shape(languageChunks(items({ zh: 67, en: 67, ar: 67 }), 50))).toEqual([
      'ar:67',
      'en:67',
      'zh:67',
    ]);
  });

  it('puts small languages together until a chunk is full', () => {
    expect(shape(languageChunks(items({ so: 10, ti: 30, fa: 20, th: 25 }), 50))).toEqual([
      'fa:20 so:10 th:25',
      'ti:30',
    ]);
  });

  it('never lets a chunk grow past the maximum by adding a language', () => {
    expect(shape(languageChunks(items({ ar: 40, en: 70 }), 50))).toEqual(['ar:40', 'en:70']);
  });

  it('splits a large language into even parts of at most the chunk size', () => {
    const chunks = languageChunks(items({ fi: 230 }), 50);
    expect(chunks.map((chunk) => chunk.length)).toEqual([46, 46, 46, 46, 46]);
  });

  it('prints every item exactly once', () => {
    const all = items({ fi: 230, zh: 3, ar: 99, en: 101, so: 1 });
    const printed = languageChunks(all, 50).flat();
    expect(printed).toHaveLength(all.length);
    expect(new Set(printed.map((item) => item.subjectId)).size).toBe(all.length);
  });
});
