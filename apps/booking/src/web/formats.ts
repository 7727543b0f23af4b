import type { UiLanguage } from '@kotoportti/model';
import { toHelsinki } from '../test-sessions/helsinki-time';

/** Calendar days ('YYYY-MM-DD') stay as they are; instants are read in Helsinki time. */
function helsinkiParts(value: unknown): { day: string; time: string } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { day: value, time: '' };
  }
  const instant =
    value instanceof Date
      ? value
      : new Date(typeof value === 'number' ? value : `${value as string}`);
  if (Number.isNaN(instant.getTime())) return undefined;
  return toHelsinki(instant);
}

/** d.m.yyyy, as people in Finland write a date in every one of the three languages. */
export function formatDate(value: unknown): string {
  const parts = helsinkiParts(value);
  if (!parts) return '';
  const [year, month, day] = parts.day.split('-').map(Number);
  return `${day}.${month}.${year}`;
}

/** 24-hour clock: 9.30 in Finnish and Swedish, 09:30 in English. */
export function formatTime(value: unknown, language: UiLanguage): string {
  const parts = helsinkiParts(value);
  if (!parts?.time) return '';
  const [hour, minute] = parts.time.split(':');
  return language === 'en' ? `${hour}:${minute}` : `${Number(hour)}.${minute}`;
}

export function formatDateTime(value: unknown, language: UiLanguage): string {
  const date = formatDate(value);
  const time = formatTime(value, language);
  return time ? `${date} ${time}` : date;
}

/** Today in Helsinki, 'YYYY-MM-DD', for form defaults. */
export function helsinkiToday(): string {
  return toHelsinki(new Date()).day;
}

/**
 * A day typed as d.m.yyyy (or yyyy-mm-dd) → 'YYYY-MM-DD'. Anything else comes back as it
 * was, so that the API's own date rule refuses it and names the field.
 */
export function parseDay(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!finnish) return text.trim();
  const [, day, month, year] = finnish;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A time typed as 9.30, 09:30 or 9 → 'HH:MM', or undefined when it is not a time of day. */
export function parseClock(text: string | undefined): string | undefined {
  const match = /^(\d{1,2})(?:[.:](\d{2}))?$/.exec((text ?? '').trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A day shown back in a form the way people type it. */
export function dayForForm(day: string): string {
  return formatDate(day);
}
