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
