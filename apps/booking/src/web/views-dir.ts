import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A folder of the booking app (views/ or public/). Looked up from this file upwards and then
 * from the working directory, because the sources, the tests and the webpack bundle under
 * dist/ sit at different depths, and the bundle does not carry the files with it.
 */
export function findBookingDir(name: 'views' | 'public', start: string = __dirname): string {
  const marker = name === 'views' ? 'layouts' : 'app.css';
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'booking', name);
    if (existsSync(join(candidate, marker))) return candidate;
    if (dirname(dir) === dir) break;
  }
  const fromCwd = join(process.cwd(), 'apps', 'booking', name);
  if (existsSync(join(fromCwd, marker))) return fromCwd;
  throw new Error(`apps/booking/${name} not found above the booking service`);
}
