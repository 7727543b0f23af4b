import { availableParallelism } from 'node:os';
import type { BrowserPoolOptions } from './browser-pool';

/**
 * Chunks of one batch printed at the same time, each on its own page (its own renderer
 * process): one per core, since printing is CPU-bound in Chromium.
 */
export const BATCH_PARALLEL_PRINTS = Math.min(4, Math.max(2, availableParallelism()));

/** One page per parallel batch print, plus one that a batch never takes: the desk's. */
export function defaultPoolOptions(executablePath: string): BrowserPoolOptions {
  const pages = BATCH_PARALLEL_PRINTS + 1;
  return {
    executablePath,
    pages,
    // A few seconds of work queued per page is fine; more means the caller should come back.
    maxWaiting: pages * 4,
    acquireTimeoutMs: 10_000,
    recycleAfterLetters: 2000,
  };
}

/** A single letter prints in well under a second; ten is a hung browser. */
export const SINGLE_LETTER_TIMEOUT_MS = 10_000;

/** A batch print is allowed time in proportion to its size. */
export function batchTimeoutMs(letters: number): number {
  return 20_000 + letters * 100;
}

/**
 * Letters printed in one go. Printing time grows with the letters, not per call, so a chunk
 * only needs to be large enough to amortise a round trip; smaller chunks keep Chromium's
 * memory down and leave less to redo after a restart. A chunk may hold up to twice this when
 * that keeps one language's letters in one print (see languageChunks).
 */
export const BATCH_CHUNK_SIZE = 50;
