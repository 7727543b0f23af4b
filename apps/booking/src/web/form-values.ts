/** A form's text fields as typed (to show them again) and without the empty ones (to check). */
export function formValues(body: Record<string, unknown>, fields: readonly string[]) {
  const typed: Record<string, string> = {};
  const given: Record<string, string> = {};
  for (const field of fields) {
    const value = body[field];
    const text = typeof value === 'string' ? value.slice(0, 5000) : '';
    typed[field] = text;
    if (text.trim() !== '') given[field] = text.trim();
  }
  return { typed, given };
}

/** A whole number typed in a form, or the text itself so that validation names the field. */
export function toInteger(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

/** A confirmation to show once after a redirect: only known keys, never free text. */
export function noticeKey(value: unknown): string | undefined {
  return typeof value === 'string' && /^notices\.[a-zA-Z]+$/.test(value) ? value : undefined;
}
