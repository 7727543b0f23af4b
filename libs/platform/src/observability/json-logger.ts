import { ConsoleLogger } from '@nestjs/common';

/** Nest's own logger in its JSON mode: one object per line, for a log collector to parse. */
export function createJsonLogger(): ConsoleLogger {
  return new ConsoleLogger({ json: true, colors: false });
}
