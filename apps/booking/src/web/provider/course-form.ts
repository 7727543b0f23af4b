import { CreateCourseDto } from '../../courses/course.dto';
import { validateForm } from '../form-errors';
import { formValues, toInteger } from '../form-values';
import { parseDay } from '../formats';

export const COURSE_FIELDS = [
  'name',
  'targetLanguage',
  'pace',
  'minLevel',
  'maxLevel',
  'startsOn',
  'endsOn',
  'schedule',
  'location',
  'address',
  'seats',
  'notes',
] as const;

/** The course form is the API's CreateCourseDto; days are typed as d.m.yyyy. */
export async function readCourseForm(body: Record<string, unknown>) {
  const { typed, given } = formValues(body, COURSE_FIELDS);
  const input = {
    ...given,
    startsOn: parseDay(given.startsOn),
    endsOn: parseDay(given.endsOn),
    seats: toInteger(given.seats),
    childcare: body.childcare === 'on' ? true : undefined,
    evening: body.evening === 'on' ? true : undefined,
  };
  typed.childcare = body.childcare === 'on' ? 'on' : '';
  typed.evening = body.evening === 'on' ? 'on' : '';
  return { typed, parsed: await validateForm(CreateCourseDto, input) };
}
