import {
  CONSENT_METHODS,
  DEFAULT_LETTER_LANGUAGES,
  DROPOUT_REASONS,
  FOLLOW_UP_OUTCOMES,
  LEVELS,
  LITERACY,
  PACES,
  TARGET_LANGUAGES,
  TEST_KINDS,
  type UiLanguage,
} from '@kotoportti/model';
import type { HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import { isoWeekday } from '../test-sessions/helsinki-time';
import { formatDate, formatDateTime, formatTime } from './formats';
import { isUiLanguage, translate } from './i18n';

/** The code lists a form offers as choices, each value labelled by `codes.<list>.<value>`. */
export const CODE_LISTS: Record<string, readonly string[]> = {
  level: LEVELS,
  pace: PACES,
  literacy: LITERACY,
  targetLanguage: TARGET_LANGUAGES,
  testKind: TEST_KINDS,
  consentMethod: CONSENT_METHODS,
  dropoutReason: DROPOUT_REASONS,
  outcome: FOLLOW_UP_OUTCOMES,
  language: DEFAULT_LETTER_LANGUAGES,
};

/** Every helper reads the page's language from the root context the controller filled. */
function languageOf(options: HelperOptions): UiLanguage {
  const root = (options.data as { root?: { lang?: unknown } } | undefined)?.root;
  return isUiLanguage(root?.lang) ? root.lang : 'fi';
}

function codeLabel(language: UiLanguage, list: string, value: unknown): string {
  if (list === 'level') return String(value).replace('below-', '< ');
  return translate(language, `codes.${list}.${String(value)}`);
}

/** The last argument of a helper is Handlebars' options object; the ones before are ours. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

export function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('t', (...args: unknown[]) => {
    const { values, options } = split(args);
    return translate(languageOf(options), String(values[0]), options.hash);
  });
  hbs.registerHelper('code', (...args: unknown[]) => {
    const { values, options } = split(args);
    if (values[1] === null || values[1] === undefined || values[1] === '') return '';
    return codeLabel(languageOf(options), String(values[0]), values[1]);
  });
  hbs.registerHelper('date', (value: unknown) => formatDate(value));
  hbs.registerHelper('time', (value: unknown, options: HelperOptions) =>
    formatTime(value, languageOf(options)),
  );
  hbs.registerHelper('dateTime', (value: unknown, options: HelperOptions) =>
    formatDateTime(value, languageOf(options)),
  );
  hbs.registerHelper('weekday', (day: string, options: HelperOptions) =>
    translate(languageOf(options), `weekdays.${isoWeekday(day)}`),
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('or', (...args: unknown[]) => split(args).values.some(Boolean));
  hbs.registerHelper('concat', (...args: unknown[]) => split(args).values.join(''));
  /** <option>s of a code list, the chosen one selected; values and labels escaped. */
  hbs.registerHelper('options', (list: string, selected: unknown, options: HelperOptions) => {
    const language = languageOf(options);
    const html = (CODE_LISTS[list] ?? []).map((value) => {
      const attribute = value === selected ? ' selected' : '';
      const label = hbs.escapeExpression(codeLabel(language, list, value));
      return `<option value="${hbs.escapeExpression(value)}"${attribute}>${label}</option>`;
    });
    return new hbs.SafeString(html.join(''));
  });
}
