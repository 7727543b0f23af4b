let pending: string[] = [];

/** One write for all the lines of an event-loop turn: a write to a log file is a system call. */
function flush(): void {
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}

// The last turn's lines still reach the log when the process ends.
process.on('exit', flush);

/**
 * The same fields as Nest's ConsoleLogger in JSON mode, so all lines parse alike. Written at
 * the end of the current event-loop turn, together with the turn's other lines.
 */
export function writeLogLine(
  fields: { level: string; context: string; message: string } & Record<string, unknown>,
): void {
  if (pending.length === 0) setImmediate(flush);
  pending.push(`${JSON.stringify({ ...fields, pid: process.pid, timestamp: Date.now() })}\n`);
}
