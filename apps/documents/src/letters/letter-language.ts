import { DomainError, InvalidInput } from '@kotoportti/platform';
import type { LetterTemplates } from '../letter-templates/letter-templates';

/** A batch cannot stop to ask: a client whose language has no translation gets English. */
export const BATCH_FALLBACK_LANGUAGE = 'en';

/** The client's block language for a letter printed at the desk, where the official can choose. */
export function chooseLanguage(
  templates: LetterTemplates,
  requested: string | undefined,
  clientLanguage: string,
): string {
  const available = templates.languages();
  if (requested !== undefined) {
    if (templates.has(requested)) return requested;
    throw InvalidInput.field(
      'language',
      `there is no letter translation for "${requested}"; choose one of ${available.join(', ')}`,
    );
  }
  if (templates.has(clientLanguage)) return clientLanguage;
  throw new DomainError(
    'unprocessable',
    'letter-language-unavailable',
    `The client's letter language "${clientLanguage}" has no translation yet; send language with one of ${available.join(', ')}`,
    { available },
  );
}

export function batchLanguage(templates: LetterTemplates, clientLanguage: string): string {
  return templates.has(clientLanguage) ? clientLanguage : BATCH_FALLBACK_LANGUAGE;
}
