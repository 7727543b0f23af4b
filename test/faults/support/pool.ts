import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Works through `items` with `workers` concurrent clients, each taking the next item when
 * done with its last; stops taking items once `stop()` says so.
 */
export async function runPool<T>(
  items: readonly T[],
  workers: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

/** Polls `probe` every 200 ms until it returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(200);
  }
}

export const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
