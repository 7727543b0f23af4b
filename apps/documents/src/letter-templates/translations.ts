import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LANGUAGE_CODE_PATTERN } from '@kotoportti/model';

/** The language every other translation is checked against: it is the office's own. */
export const REFERENCE_LANGUAGE = 'fi';

export interface LanguageMeta {
  code: string;
  /** The language's name for itself. */
  name: string;
  englishName: string;
  direction: 'ltr' | 'rtl';
  /** ISO 15924 script code; the stylesheet picks fonts by it (Latn, Cyrl, Arab, Thai, Hans, Ethi). */
  script: string;
  /** The Intl locale for dates and names, e.g. fa-AF for Dari, which ICU has no code of its own for. */
  intlLocale: string;
  /** The digits people read in this language: latn, arab, arabext… */
  numberingSystem: string;
  /** Overrides ICU's date order where its data is thin: {weekday} {day} {month} {year}. */
  datePattern?: string;
  /** Overrides ICU's unit names where it has none, e.g. `{n} کاتژمێر`. */
  units?: { hour?: string; minute?: string };
  /** Whether a native speaker has checked the texts; unreviewed ones are used but listed in docs/letters.md. */
  reviewed: boolean;
  translatedBy?: string;
}

export interface Translation {
  meta: LanguageMeta;
  /** Flattened: `test-invitation.when.heading` → text. */
  strings: ReadonlyMap<string, string>;
}

export class TranslationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Letter translations are incomplete or wrong:\n  ${problems.join('\n  ')}`);
    this.name = 'TranslationError';
  }
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort();
}

export function flattenStrings(node: unknown, prefix = '', into = new Map<string, string>()) {
  if (typeof node === 'string') {
    into.set(prefix, node);
  } else if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) {
      flattenStrings(value, prefix ? `${prefix}.${key}` : key, into);
    }
  } else {
    into.set(prefix, '');
  }
  return into;
}

function metaProblems(meta: LanguageMeta, fileCode: string): string[] {
  const problems: string[] = [];
  const where = `${fileCode}.json`;
  if (meta.code !== fileCode) problems.push(`${where}: meta.code is "${meta.code}"`);
  if (!LANGUAGE_CODE_PATTERN.test(fileCode)) problems.push(`${where}: not a language code`);
  if (meta.direction !== 'ltr' && meta.direction !== 'rtl') {
    problems.push(`${where}: meta.direction must be ltr or rtl`);
  }
  if (typeof meta.reviewed !== 'boolean')
    problems.push(`${where}: meta.reviewed must be true or false`);
  if (!meta.name || !meta.script) problems.push(`${where}: meta.name and meta.script are required`);
  try {
    const resolved = new Intl.NumberFormat(meta.intlLocale, {
      numberingSystem: meta.numberingSystem,
    }).resolvedOptions();
    if (resolved.numberingSystem !== meta.numberingSystem) {
      problems.push(`${where}: numbering system ${meta.numberingSystem} is unknown to Intl`);
    }
  } catch {
    problems.push(`${where}: meta.intlLocale "${meta.intlLocale}" is not a valid locale`);
  }
  return problems;
}

/** Every problem of one translation measured against the reference, so a test can list them all. */
export function translationProblems(reference: Translation, candidate: Translation): string[] {
  const code = candidate.meta.code;
  const problems: string[] = [];
  for (const [key, text] of reference.strings) {
    const other = candidate.strings.get(key);
    if (other === undefined) {
      problems.push(`${code}: missing "${key}"`);
      continue;
    }
    if (other.trim() === '') problems.push(`${code}: "${key}" is empty`);
    const expected = placeholdersOf(text).join(',');
    const found = placeholdersOf(other).join(',');
    if (expected !== found) {
      problems.push(`${code}: "${key}" has placeholders {${found}}, expected {${expected}}`);
    }
  }
  for (const key of candidate.strings.keys()) {
    if (!reference.strings.has(key))
      problems.push(`${code}: "${key}" is not in ${REFERENCE_LANGUAGE}.json`);
  }
  return problems;
}

export function readTranslationFile(path: string): Translation {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { meta: LanguageMeta; strings: unknown };
  return { meta: parsed.meta, strings: flattenStrings(parsed.strings) };
}

/**
 * Reads every translation and refuses to start when one is incomplete: a missing sentence is
 * caught here (and by a test), never printed as a key on a client's letter.
 */
export function loadTranslations(translationsDir: string): Map<string, Translation> {
  const files = readdirSync(translationsDir).filter((name) => name.endsWith('.json'));
  const translations = new Map<string, Translation>();
  const problems: string[] = [];
  for (const file of files.sort()) {
    const code = basename(file, '.json');
    const translation = readTranslationFile(join(translationsDir, file));
    problems.push(...metaProblems(translation.meta, code));
    translations.set(code, translation);
  }
  const reference = translations.get(REFERENCE_LANGUAGE);
  if (!reference) throw new TranslationError([`${REFERENCE_LANGUAGE}.json is missing`]);
  for (const translation of translations.values()) {
    problems.push(...translationProblems(reference, translation));
  }
  if (problems.length > 0) throw new TranslationError(problems);
  return translations;
}
