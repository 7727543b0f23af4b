import { RecordResultDto } from '../../test-bookings/test-result.dto';
import { validateForm } from '../form-errors';
import { formValues } from '../form-values';

export const RESULT_FIELDS = [
  'listening',
  'speaking',
  'reading',
  'writing',
  'literacy',
  'startLevel',
  'pace',
  'recommendation',
] as const;

/** The result form is the API's RecordResultDto; an unchosen start level means the default. */
export async function readResultForm(body: Record<string, unknown>) {
  const { typed, given } = formValues(body, RESULT_FIELDS);
  return { typed, parsed: await validateForm(RecordResultDto, given) };
}
