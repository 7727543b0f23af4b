import { BENCH, LoadReport, Pair, percentile } from './config';

/** Outcome of one booking attempt: 'booked', or the error status and code. */
export type Outcome = string;

/**
 * Runs `connections` loops that each take the next pair and book it, until the time is up
 * or the pairs run out; latency is measured per request, from send to full answer.
 */
export async function drive(
  label: string,
  pairs: Pair[],
  durationMs: number,
  connections: number,
  bookOne: (pair: Pair, worker: number) => Promise<Outcome>,
): Promise<LoadReport> {
  let next = 0;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let booked = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const loop = async (worker: number) => {
    while (performance.now() < deadline && next < pairs.length) {
      const pair = pairs[next++];
      const sent = performance.now();
      let outcome: Outcome;
      try {
        outcome = await bookOne(pair, worker);
      } catch (error) {
        outcome = `exception ${(error as Error).message}`;
      }
      latencies.push(performance.now() - sent);
      if (outcome === 'booked') booked++;
      else errors[outcome] = (errors[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, worker) => loop(worker)));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    booked,
    errors,
    elapsedMs: Math.round(elapsedMs),
    bookingsPerSecond: Math.round((booked / elapsedMs) * 1000),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
  };
}

export const DEFAULT_DURATION = BENCH.durationMs;
