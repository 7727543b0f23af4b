import { loadConfig } from '../../libs/platform/src/config/app-config';

/** The figures the issue fixes for the booking benchmark; change them here only. */
export const BENCH = {
  clients: 10_000,
  sessions: 500,
  /** Places per session: enough that every request of the run finds a place. */
  capacity: 100,
  connections: 50,
  /** A lighter load beside it, to show the latency an office sees when the service is not saturated. */
  lightConnections: 10,
  durationMs: 20_000,
  warmUpMs: 3_000,
  /** The booking app's own pool: DATABASE_POOL_SIZE, as the service reads it. */
  appPoolSize: loadConfig().databasePoolSize,
} as const;

/** One booking request: which client into which session. */
export type Pair = [sessionId: string, clientId: string];

/** What a load process prints as its last line, as JSON. */
export interface LoadReport {
  label: string;
  requests: number;
  booked: number;
  errors: Record<string, number>;
  elapsedMs: number;
  bookingsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
