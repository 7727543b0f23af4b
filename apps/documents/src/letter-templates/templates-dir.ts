import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository's templates/ folder. Looked up from this file upwards (source, tests, the
 * webpack bundle under dist/) and then from the working directory, because the bundle and
 * the sources sit at different depths.
 */
export function findTemplatesDir(start: string = __dirname): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'translations'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  const fromCwd = join(process.cwd(), 'templates');
  if (existsSync(join(fromCwd, 'translations'))) return fromCwd;
  throw new Error('templates/ with translations/ not found above the documents service');
}
