import { UI_LANGUAGES, type UiLanguage } from '@kotoportti/model';
import type { RequestWithActor } from '@kotoportti/platform';
import type { Request, Response } from 'express';
import { fromAcceptLanguage, isUiLanguage } from './i18n';
import { navigationOf } from './navigation';

export type PageRequest = Request & RequestWithActor;

export const LANGUAGE_COOKIE = 'kp_lang';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/**
 * The interface language: this browser's choice, else the user's saved one, else what the
 * browser asks for, else Finnish.
 */
export function pageLanguage(request: PageRequest): UiLanguage {
  const cookie = (request.cookies as Record<string, string> | undefined)?.[LANGUAGE_COOKIE];
  if (isUiLanguage(cookie)) return cookie;
  if (isUiLanguage(request.actor?.uiLanguage)) return request.actor.uiLanguage;
  return fromAcceptLanguage(request.headers['accept-language']) ?? 'fi';
}

/** What the layout of every page needs: language, user, navigation, the form token. */
export function setPageLocals(request: PageRequest, response: Response, csrfToken?: string): void {
  const lang = pageLanguage(request);
  const actor = request.actor;
  response.locals.lang = lang;
  response.locals.path = request.path;
  response.locals.csrfToken = csrfToken ?? actor?.csrfToken ?? '';
  response.locals.user = actor ? { displayName: actor.displayName, role: actor.role } : undefined;
  response.locals.nav = actor ? navigationOf(actor.role, request.path) : [];
  // `tag`, not `code`: `code` is a view helper and would shadow the field.
  response.locals.languages = UI_LANGUAGES.map((tag) => ({
    tag,
    name: LANGUAGE_NAMES[tag],
    current: tag === lang,
  }));
}
