import { UI_LANGUAGES, type UiLanguage } from '@kotoportti/model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBookingDir } from './views-dir';

/** Nested translation files flattened to 'section.key' → text. */
export type Dictionary = Record<string, string>;

function flatten(tree: Record<string, unknown>, prefix = '', into: Dictionary = {}): Dictionary {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into[path] = value;
    else flatten(value as Record<string, unknown>, path, into);
  }
  return into;
}

export function loadDictionaries(dir = join(findBookingDir('views'), 'i18n')) {
  const dictionaries = {} as Record<UiLanguage, Dictionary>;
  for (const language of UI_LANGUAGES) {
    const text = readFileSync(join(dir, `${language}.json`), 'utf8');
    dictionaries[language] = flatten(JSON.parse(text) as Record<string, unknown>);
  }
  return dictionaries;
}

let loaded: Record<UiLanguage, Dictionary> | undefined;

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The text of a key in a language, with {name} placeholders filled. A missing key shows
 * itself rather than breaking the page; the translation test keeps that from shipping.
 */
export function translate(
  language: UiLanguage,
  key: string,
  values: Record<string, unknown> = {},
): string {
  loaded ??= loadDictionaries();
  const text = loaded[language][key] ?? loaded.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    values[name] === undefined ? match : `${values[name] as string | number}`,
  );
}

/** The first language of an Accept-Language header that the interface speaks. */
export function fromAcceptLanguage(header: string | undefined): UiLanguage | undefined {
  for (const part of (header ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isUiLanguage(code)) return code;
  }
  return undefined;
}
