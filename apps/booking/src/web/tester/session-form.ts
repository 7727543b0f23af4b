import { CreateTestSessionDto } from '../../test-sessions/test-session.dto';
import { fromHelsinki, helsinkiIso } from '../../test-sessions/helsinki-time';
import { FieldErrors, validateForm } from '../form-errors';
import { formValues, toInteger } from '../form-values';
import { parseClock, parseDay } from '../formats';

export const SESSION_FIELDS = [
  'kind',
  'targetLanguage',
  'date',
  'startTime',
  'endTime',
  'location',
  'address',
  'capacity',
  'repeatWeeks',
] as const;

/** Where the API's field names sit in the form: one day and two clock times. */
export const SESSION_FIELD_OF: Record<string, string> = {
  startsAt: 'startTime',
  endsAt: 'endTime',
  repeat: 'repeatWeeks',
  'repeat.weeks': 'repeatWeeks',
  'repeat.until': 'repeatWeeks',
};

/**
 * The session form in the API's terms: a Helsinki day and wall-clock times become zoned
 * instants, and a number of weeks becomes the weekly repeat.
 */
export async function readSessionForm(body: Record<string, unknown>) {
  const { typed, given } = formValues(body, SESSION_FIELDS);
  const errors: FieldErrors = {};
  const day = parseDay(given.date);
  const validDay = day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day);
  if (!validDay) errors.date = 'validation.isCalendarDate';
  const instant = (field: 'startTime' | 'endTime') => {
    const clock = parseClock(given[field]);
    if (!clock) errors[field] = 'validation.time';
    return validDay && clock ? helsinkiIso(fromHelsinki(day, clock)) : undefined;
  };
  const input = {
    kind: given.kind,
    targetLanguage: given.targetLanguage,
    startsAt: instant('startTime'),
    endsAt: instant('endTime'),
    location: given.location,
    address: given.address,
    capacity: toInteger(given.capacity),
    repeat: given.repeatWeeks ? { weeks: toInteger(given.repeatWeeks) } : undefined,
  };
  const parsed = await validateForm(CreateTestSessionDto, input);
  if (!parsed.ok) {
    for (const [field, key] of Object.entries(parsed.errors)) {
      const formField = SESSION_FIELD_OF[field] ?? field;
      // The clock fields already say what is wrong with them more precisely.
      errors[formField] ??= key;
    }
  }
  const valid = Object.keys(errors).length === 0 && parsed.ok;
  return { typed, errors, value: valid && parsed.ok ? parsed.value : undefined };
}
