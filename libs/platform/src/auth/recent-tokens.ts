import type { Actor } from './actor';

/**
 * Tokens this process resolved in the last moments, so that a burst of requests with one
 * token reads the database once instead of on every request (a round trip was a sixth of a
 * booking's cost, bench/booking). Kept briefly: a token revoked or a user deactivated in
 * another process is refused here within `ttlMs`; a logout in this process forgets at once.
 */
export class RecentTokens {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): Actor | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.actor;
    this.entries.delete(key);
    return undefined;
  }

  /** Kept until the cache's time is up or the token expires, whichever comes first. */
  set(key: string, actor: Actor, expiresAt: Date, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { actor, until: Math.min(now + this.ttlMs, expiresAt.getTime()) });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
