import type { LetterKind } from '@kotoportti/model';

/** One letter of a batch, fixed when the batch is asked for, so a restart prints the same set. */
export interface BatchItem {
  /** The test booking, seat or waiting-list entry. */
  subjectId: string;
  clientId: string;
  /** The client's block language, decided once (with the English fallback) at request time. */
  language: string;
}

/** letter_batches.params: what the official asked for and the letters it resolved to. */
export interface BatchParams {
  kind: LetterKind;
  selector: Record<string, unknown>;
  items: BatchItem[];
}

/**
 * The letters column that tells which item a stored letter is: the booking, the seat, or for
 * a waiting-list letter the client (a client waits in one queue at a time).
 */
export function storedKeyColumn(kind: LetterKind): 'test_booking_id' | 'seat_id' | 'client_id' {
  switch (kind) {
    case 'test-invitation':
      return 'test_booking_id';
    case 'course-place':
      return 'seat_id';
    case 'waiting-list':
      return 'client_id';
  }
}

export function itemKey(kind: LetterKind, item: BatchItem): string {
  return kind === 'waiting-list' ? item.clientId : item.subjectId;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Chunks for printing: the items sorted by language and cut so that a language's letters stay
 * in one print unless they are more than `max`. A print pays once for each font it embeds, and
 * Chinese costs most (Skia writes Noto Sans CJK as Type 3 glyphs: about 0.8 CPU-seconds a
 * print, however few letters). Languages with few letters share a chunk until it holds
 * `target`; a language with more than `max` is split into even parts of at most `target`.
 */
export function languageChunks(
  items: readonly BatchItem[],
  target: number,
  max: number = 2 * target,
): BatchItem[][] {
  const byLanguage = new Map<string, BatchItem[]>();
  for (const item of items) {
    const group = byLanguage.get(item.language);
    if (group) group.push(item);
    else byLanguage.set(item.language, [item]);
  }
  const languages = [...byLanguage.keys()].sort();
  const out: BatchItem[][] = [];
  let current: BatchItem[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (const language of languages) {
    const group = byLanguage.get(language)!;
    if (group.length > max) {
      flush();
      const parts = Math.ceil(group.length / target);
      const size = Math.ceil(group.length / parts);
      out.push(...chunks(group, size));
      continue;
    }
    if (current.length + group.length > max) flush();
    current.push(...group);
    if (current.length >= target) flush();
  }
  flush();
  return out;
}
