import { DomainError, type FieldProblem, toErrorBody } from '@kotoportti/platform';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/** Form field → translation key of the message shown beside it. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function collect(errors: ValidationError[], parent: string, into: FieldErrors): FieldErrors {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraint = Object.keys(error.constraints ?? {})[0];
    if (constraint && !into[field]) into[field] = `validation.${constraint}`;
    collect(error.children ?? [], field, into);
  }
  return into;
}

/**
 * Checks a form against the API's own DTO, so a page accepts exactly what the API accepts.
 * The DTO's field names are the form's; a form whose fields differ maps them before.
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  plain: Record<string, unknown>,
): Promise<Validated<T>> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0
    ? { ok: true, value: instance }
    : { ok: false, errors: collect(errors, '', {}) };
}

/** The services word their field problems in English for the API; the pages translate them. */
const SERVICE_PROBLEMS: Array<[RegExp, string]> = [
  [/must look like/, 'validation.identityCodeFormat'],
  [/date that does not exist/, 'validation.identityCodeDate'],
  [/wrong check character/, 'validation.identityCodeChecksum'],
  [/disagree/, 'validation.identityCodeBirthDate'],
  [/must not be in the future/, 'validation.notInFuture'],
  [/must be after startsAt/, 'validation.endAfterStart'],
  [/lasts at most/, 'validation.sessionTooLong'],
  [/must end on the day it starts/, 'validation.sameDay'],
  [/before the course starts/, 'validation.beforeCourseStart'],
  [/before the seat started/, 'validation.beforeSeatStart'],
  [/at most \d+ weeks/, 'validation.tooManyWeeks'],
  [/must not be before startsAt/, 'validation.untilBeforeStart'],
];

function problemKey(problem: string): string {
  return SERVICE_PROBLEMS.find(([pattern]) => pattern.test(problem))?.[1] ?? 'validation.invalid';
}

export interface FormProblem {
  status: number;
  errors: FieldErrors;
  /** Translation key of a message about the whole form (a conflict). */
  formError?: string;
}

/**
 * What a refused form shows: field errors for bad input, a message for a conflict. Anything
 * else (not found, a broken database) is not the user's to fix and goes to the error page.
 */
export function formProblem(
  error: unknown,
  fieldOf: Record<string, string> = {},
): FormProblem | undefined {
  if (error instanceof DomainError && error.kind === 'invalid') {
    const errors: FieldErrors = {};
    for (const problem of (error.details as FieldProblem[] | undefined) ?? []) {
      const field = fieldOf[problem.field] ?? problem.field;
      errors[field] ??= problemKey(problem.problems[0] ?? '');
    }
    return { status: 400, errors, formError: 'validation.summary' };
  }
  if (error instanceof DomainError && error.kind === 'conflict') {
    return { status: 409, errors: {}, formError: `conflicts.${error.code}` };
  }
  if (error instanceof DomainError) return undefined;
  const body = toErrorBody(error);
  if (body.statusCode === 400) return { status: 400, errors: {}, formError: 'validation.invalid' };
  if (body.statusCode === 409) return { status: 409, errors: {}, formError: 'conflicts.duplicate' };
  return undefined;
}
