import type { Outcome } from './outcome';

/**
 * The figures of one scenario. Lost: a request answered 2xx whose effect is missing.
 * Duplicated: an effect present more than once. Both must be zero, and so must unclean
 * answers (a 500, or an error body not in the error shape).
 */
export class Tally {
  sent = 0;
  succeeded = 0;
  failedCleanly = 0;
  unanswered = 0;
  unclean = 0;
  lost = 0;
  duplicated = 0;
  /** How many answers of each HTTP status (and error code), to show what the clients saw. */
  private readonly answers = new Map<string, number>();
  readonly uncleanSamples: string[] = [];
  readonly notes: string[] = [];
  /** Other broken promises of the scenario (half-done records, no recovery), in words. */
  readonly failures: string[] = [];

  constructor(readonly scenario: string) {}

  record(outcome: Outcome): void {
    this.sent += 1;
    if (outcome.kind !== 'unanswered') {
      const key =
        outcome.kind === 'clean' ? `${outcome.status} ${outcome.code}` : `${outcome.status}`;
      this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
    }
    switch (outcome.kind) {
      case 'ok':
        this.succeeded += 1;
        return;
      case 'clean':
        this.failedCleanly += 1;
        return;
      case 'unanswered':
        this.unanswered += 1;
        return;
      case 'unclean':
        this.unclean += 1;
        if (this.uncleanSamples.length < 5) {
          this.uncleanSamples.push(`${outcome.status} ${outcome.text}`);
        }
        return;
    }
  }

  /** How many answers had this HTTP status. */
  answered(status: number): number {
    let n = 0;
    for (const [key, count] of this.answers) if (key.split(' ')[0] === String(status)) n += count;
    return n;
  }

  /** The answers by status and code, e.g. "201 ×138, 503 unavailable ×61". */
  statusLine(): string {
    const counts = [...this.answers.entries()].sort(([a], [b]) => a.localeCompare(b));
    return counts.map(([key, n]) => `${key} ×${n}`).join(', ');
  }

  note(line: string): void {
    this.notes.push(line);
  }

  fail(problem: string): void {
    this.failures.push(problem);
  }

  /** Problems that fail the scenario, in words; empty when it passed. */
  problems(): string[] {
    const found: string[] = [];
    if (this.lost > 0) found.push(`${this.lost} lost`);
    if (this.duplicated > 0) found.push(`${this.duplicated} duplicated`);
    if (this.unclean > 0) found.push(`${this.unclean} unclean: ${this.uncleanSamples.join(' | ')}`);
    return [...found, ...this.failures];
  }
}
