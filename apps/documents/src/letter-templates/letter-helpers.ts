import Handlebars from 'handlebars';
import type { LetterDates } from './letter-dates';
import type { Translation } from './translations';

/** One language's column of a letter: its words, its dates, its direction. */
export interface LetterBlock {
  lang: string;
  dir: 'ltr' | 'rtl';
  script: string;
  translation: Translation;
  dates: LetterDates;
  languageNames: Intl.DisplayNames;
}

/** A template asked for a sentence the translation lacks; the start-up check should prevent it. */
export class MissingTranslationError extends Error {
  constructor(language: string, key: string) {
    super(`The ${language} translation has no "${key}"`);
    this.name = 'MissingTranslationError';
  }
}

type HelperOptions = Handlebars.HelperOptions;
type Html = Handlebars.SafeString;

const escape = (value: unknown) => Handlebars.Utils.escapeExpression(String(value));
const html = (markup: string): Html => new Handlebars.SafeString(markup);

/**
 * Text typed by a person or coming from data, isolated from the surrounding direction: a
 * Latin name or a street number inside Arabic must not be reordered by the bidi algorithm.
 */
export function isolate(value: unknown, dir?: 'ltr'): Html {
  if (value instanceof Handlebars.SafeString) return value;
  const direction = dir ? ` dir="${dir}"` : '';
  return html(`<bdi${direction}>${escape(value)}</bdi>`);
}

function isBlock(value: unknown): value is LetterBlock {
  return typeof value === 'object' && value !== null && 'translation' in value;
}

function blockOf(value: unknown, helper: string): LetterBlock {
  if (!isBlock(value))
    throw new Error(`{{${helper}}} needs a language block as its first argument`);
  return value;
}

/** The sentence `key` in the block's language, its {placeholders} filled, escaped and isolated. */
export function translate(
  block: LetterBlock,
  key: string,
  values: Record<string, unknown> = {},
): Html {
  const text = block.translation.strings.get(key);
  if (text === undefined) throw new MissingTranslationError(block.lang, key);
  const parts = text.split(/\{([a-zA-Z]+)\}/);
  const out = parts.map((part, index) => {
    if (index % 2 === 0) return escape(part);
    const value = values[part];
    if (value === undefined || value === null) {
      throw new Error(`"${key}" needs a value for {${part}}`);
    }
    return isolate(value).toHTML();
  });
  return html(out.join(''));
}

function positional(args: unknown[]): { rest: unknown[]; options: HelperOptions } {
  return { rest: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

/** Registers the letter helpers on an isolated Handlebars, so nothing leaks between users of it. */
export function registerLetterHelpers(hbs: typeof Handlebars): void {
  // {{t b "test-invitation.kinds" facts.testKind name=value}}: extra words extend the key.
  hbs.registerHelper('t', (...args: unknown[]) => {
    const { rest, options } = positional(args);
    const [block, ...keyParts] = rest;
    return translate(blockOf(block, 't'), keyParts.map(String).join('.'), options.hash);
  });
  hbs.registerHelper('date', (block: unknown, instant: Date) =>
    isolate(blockOf(block, 'date').dates.date(instant)),
  );
  hbs.registerHelper('day', (block: unknown, isoDay: string) =>
    isolate(blockOf(block, 'day').dates.day(isoDay)),
  );
  hbs.registerHelper('time', (block: unknown, instant: Date) =>
    isolate(blockOf(block, 'time').dates.time(instant)),
  );
  hbs.registerHelper('duration', (block: unknown, minutes: number) =>
    isolate(blockOf(block, 'duration').dates.duration(minutes)),
  );
  // A language's name in the block's language, e.g. "arabia" in Finnish.
  hbs.registerHelper('languageName', (block: unknown, code: string) => {
    const names = blockOf(block, 'languageName').languageNames;
    return names.of(code) ?? code;
  });
  hbs.registerHelper('level', (block: unknown, code: string) => {
    const lang = blockOf(block, 'level');
    if (code.startsWith('below-')) return translate(lang, 'levels.below', { level: code.slice(6) });
    return isolate(code, 'ltr');
  });
  // Phone numbers, e-mail addresses, references: always left to right, even in Arabic.
  hbs.registerHelper('ltr', (value: unknown) => isolate(value, 'ltr'));
  hbs.registerHelper('iso', (value: unknown) => isolate(value));
  hbs.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  hbs.registerHelper('concat', (...args: unknown[]) => positional(args).rest.join(''));
  // One row of the letter: a cell per language, side by side, each in its own direction.
  hbs.registerHelper(
    'row',
    function (this: unknown, blocks: LetterBlock[], options: HelperOptions) {
      const cells = blocks.map((block) => {
        const inner = options.fn(this, { blockParams: [block] });
        return (
          `<div class="cell script-${escape(block.script)}" lang="${escape(block.lang)}" ` +
          `dir="${block.dir}">${inner}</div>`
        );
      });
      const className =
        typeof options.hash.class === 'string' ? ` ${escape(options.hash.class)}` : '';
      return html(`<div class="row${className}">${cells.join('')}</div>`);
    },
  );
}
