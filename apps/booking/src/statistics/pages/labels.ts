import type { UiLanguage } from '@kotoportti/model';
import { translate } from '../../web/i18n';
import type { Column } from '../stat-table';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export const translator =
  (lang: UiLanguage): Translate =>
  (key, values) =>
    translate(lang, key, values);

/** Column keys `prefix.code` name a code of a code list; the list whose labels show it. */
const CODE_LIST_OF: Record<string, string | undefined> = {
  pace: 'pace',
  dropout: 'dropoutReason',
  followUp: 'outcome',
  start_level: undefined,
  levelReached: undefined,
};

/** A code as the page's language writes it; levels are the same in every language. */
export function codeLabel(t: Translate, list: string | undefined, code: string): string {
  return list ? t(`codes.${list}.${code}`) : code.replace('below-', '< ');
}

/** The heading of a column in the page's language (the API's labels stay English). */
export function columnLabel(t: Translate, column: Column): string {
  const dot = column.key.indexOf('.');
  if (dot > 0) {
    const prefix = column.key.slice(0, dot);
    const code = column.key.slice(dot + 1);
    return `${t(`statistics.columnPrefix.${prefix}`)}: ${codeLabel(t, CODE_LIST_OF[prefix], code)}`;
  }
  // Placement targets are configurable, so their keys carry the number of days.
  const target = /^(decided|placedWithin|pctPlacedWithin)(\d+)$/.exec(column.key);
  if (target) return t(`statistics.columns.${target[1]}`, { days: target[2] });
  return t(`statistics.columns.${column.key}`);
}

/** Label cells that hold codes, shown in the page's language. */
export const CELL_CODE_LISTS: Record<string, string> = {
  pace: 'pace',
  targetLanguage: 'targetLanguage',
};
