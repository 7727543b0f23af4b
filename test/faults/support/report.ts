import type { Tally } from './tally';

const COLUMNS = [
  'scenario',
  'sent',
  'succeeded',
  'failed cleanly',
  'unanswered',
  'unclean',
  'lost',
  'duplicated',
] as const;

function cells(tally: Tally): string[] {
  return [
    tally.scenario,
    ...[
      tally.sent,
      tally.succeeded,
      tally.failedCleanly,
      tally.unanswered,
      tally.unclean,
      tally.lost,
      tally.duplicated,
    ].map(String),
  ];
}

/** Straight to stdout: Jest's console adds a stack line to every console.log. */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function table(tallies: Tally[]): string {
  const rows = [[...COLUMNS], ...tallies.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

export function scenarioReport(tally: Tally): string {
  const lines = [`answers by status: ${tally.statusLine() || 'none'}`, ...tally.notes];
  const notes = lines.map((n) => `  ${n}`).join('\n');
  const verdict = tally.problems().length === 0 ? 'PASS' : `FAIL: ${tally.problems().join('; ')}`;
  return `\n[faults] ${tally.scenario}: ${verdict}\n${table([tally])}\n${notes}`;
}
