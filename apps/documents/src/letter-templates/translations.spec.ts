import { DEFAULT_LETTER_LANGUAGES } from '@kotoportti/model';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findTemplatesDir } from './templates-dir';
import {
  loadTranslations,
  readTranslationFile,
  REFERENCE_LANGUAGE,
  TranslationError,
  translationProblems,
} from './translations';

const templatesDir = findTemplatesDir();
const translationsDir = join(templatesDir, 'translations');
const files = readdirSync(translationsDir).filter((name) => name.endsWith('.json'));
const reference = readTranslationFile(join(translationsDir, `${REFERENCE_LANGUAGE}.json`));

describe('letter translations', () => {
  it('exist for every letter language of the specification (more may be added)', () => {
    expect(files.map((file) => basename(file, '.json'))).toEqual(
      expect.arrayContaining([...DEFAULT_LETTER_LANGUAGES]),
    );
  });

  it.each(files)('%s has every sentence of fi.json, with the same placeholders', (file) => {
    const translation = readTranslationFile(join(translationsDir, file));
    expect(translationProblems(reference, translation)).toEqual([]);
    expect(translation.strings.size).toBe(reference.strings.size);
  });

  it.each(files)('%s says whether a native speaker reviewed it', (file) => {
    const { meta } = readTranslationFile(join(translationsDir, file));
    expect(typeof meta.reviewed).toBe('boolean');
    expect(meta.code).toBe(basename(file, '.json'));
  });

  it('marks Arabic, Persian, Sorani and Dari right to left, and only those', () => {
    const rtl = files
      .map((file) => readTranslationFile(join(translationsDir, file)).meta)
      .filter((meta) => meta.direction === 'rtl')
      .map((meta) => meta.code)
      .sort();
    expect(rtl).toEqual(['ar', 'ckb', 'fa', 'prs']);
  });

  it('has a sentence for every key the templates ask for', () => {
    const templates = [
      'layout.hbs',
      ...['partials', 'letters'].flatMap((dir) =>
        readdirSync(join(templatesDir, dir)).map((file) => join(dir, file)),
      ),
    ];
    const keys = new Set(reference.strings.keys());
    const prefixes = new Set(
      [...keys].flatMap((key) =>
        key.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')),
      ),
    );
    const missing: string[] = [];
    for (const template of templates) {
      const source = readFileSync(join(templatesDir, template), 'utf8');
      for (const [, key] of source.matchAll(/\{\{t \S+ "([^"]+)"/g)) {
        // A key completed at render time ("test-invitation.kinds" facts.testKind) must be a group.
        if (!keys.has(key) && !prefixes.has(key)) missing.push(`${template}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('refuses to start with a translation that lacks a sentence, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-translations-'));
    try {
      cpSync(translationsDir, dir, { recursive: true });
      const so = JSON.parse(readFileSync(join(dir, 'so.json'), 'utf8'));
      delete so.strings['test-invitation'].bring.glasses;
      so.strings['test-invitation'].when.time = 'Waqtiga: {start}';
      writeFileSync(join(dir, 'so.json'), JSON.stringify(so));
      expect(() => loadTranslations(dir)).toThrow(TranslationError);
      expect(() => loadTranslations(dir)).toThrow(/so: missing "test-invitation.bring.glasses"/);
      expect(() => loadTranslations(dir)).toThrow(
        /"test-invitation.when.time" has placeholders \{start\}/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads all shipped translations', () => {
    expect([...loadTranslations(translationsDir).keys()]).toHaveLength(files.length);
  });
});
