import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LETTER_KINDS, type LetterKind } from '@kotoportti/model';
import { LetterDates } from './letter-dates';
import { type LetterBlock, registerLetterHelpers } from './letter-helpers';
import { findTemplatesDir } from './templates-dir';
import { loadTranslations, type LanguageMeta, type Translation } from './translations';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

/**
 * A short hash of every template, partial, stylesheet and translation: stored with each letter,
 * so an office can tell which wording a client received. Any change of a word changes it.
 */
function versionOf(dir: string): string {
  const hash = createHash('sha256');
  for (const path of filesUnder(dir)) {
    hash.update(relative(dir, path).split('\\').join('/')).update('\0');
    hash.update(readFileSync(path)).update('\0');
  }
  return `tpl-${hash.digest('hex').slice(0, 16)}`;
}

type Compiled = Handlebars.TemplateDelegate;

/** templates/ read and compiled once: the layout, partials, one template per kind, translations. */
export class LetterTemplates {
  private readonly blocks = new Map<string, LetterBlock>();

  private constructor(
    readonly dir: string,
    readonly version: string,
    readonly css: string,
    readonly layout: Compiled,
    private readonly kinds: ReadonlyMap<LetterKind, Compiled>,
    private readonly translations: ReadonlyMap<string, Translation>,
  ) {}

  static load(dir: string = findTemplatesDir()): LetterTemplates {
    const hbs = Handlebars.create();
    registerLetterHelpers(hbs);
    const read = (...path: string[]) => readFileSync(join(dir, ...path), 'utf8');
    for (const file of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      hbs.registerPartial(basename(file, '.hbs'), read('partials', file));
    }
    const compile = (source: string) => hbs.compile(source, { preventIndent: true });
    const kinds = new Map(
      LETTER_KINDS.map((kind) => [kind, compile(read('letters', `${kind}.hbs`))] as const),
    );
    return new LetterTemplates(
      dir,
      versionOf(dir),
      read('letter.css'),
      compile(read('layout.hbs')),
      kinds,
      loadTranslations(join(dir, 'translations')),
    );
  }

  languages(): string[] {
    return [...this.translations.keys()];
  }

  has(language: string): boolean {
    return this.translations.has(language);
  }

  meta(language: string): LanguageMeta {
    return this.translation(language).meta;
  }

  template(kind: LetterKind): Compiled {
    const template = this.kinds.get(kind);
    if (!template) throw new Error(`No template for letter kind ${kind}`);
    return template;
  }

  /** One language's words, dates and names, built once and shared by every letter. */
  block(language: string): LetterBlock {
    let block = this.blocks.get(language);
    if (!block) {
      const translation = this.translation(language);
      const { meta } = translation;
      block = {
        lang: language,
        dir: meta.direction,
        script: meta.script,
        translation,
        dates: new LetterDates(meta),
        languageNames: new Intl.DisplayNames([meta.intlLocale], {
          type: 'language',
          fallback: 'code',
        }),
      };
      this.blocks.set(language, block);
    }
    return block;
  }

  private translation(language: string): Translation {
    const translation = this.translations.get(language);
    if (!translation) throw new Error(`No letter translation for ${language}`);
    return translation;
  }
}
