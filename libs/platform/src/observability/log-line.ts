/** The same fields as Nest's ConsoleLogger in JSON mode, so all lines parse alike. */
export function writeLogLine(
  fields: { level: string; context: string; message: string } & Record<string, unknown>,
): void {
  process.stdout.write(
    `${JSON.stringify({ ...fields, pid: process.pid, timestamp: Date.now() })}\n`,
  );
}
