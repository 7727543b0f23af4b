/**
 * Services throw these; one filter turns them into HTTP answers. Services never throw HTTP
 * exceptions, so the same rules hold when a job processor calls them.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'too-many'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A stable, kebab-case code clients can act on, e.g. `session-full`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 404 for missing records and for records outside one's organisation alike (SPEC §1). */
export class NotFound extends DomainError {
  constructor(what: string) {
    super('not-found', 'not-found', `${what} not found`);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('conflict', code, message, details);
  }
}

export class InvalidInput extends DomainError {
  constructor(problems: FieldProblem[]) {
    super(
      'invalid',
      'invalid-input',
      `Invalid input: ${problems.map((p) => p.field).join(', ')}`,
      problems,
    );
  }

  static field(field: string, problem: string): InvalidInput {
    return new InvalidInput([{ field, problems: [problem] }]);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'Sign in first') {
    super('unauthenticated', 'unauthenticated', message);
  }
}

/** A role asking for something its role never may; says nothing about any record. */
export class Forbidden extends DomainError {
  constructor(message = 'Your role may not do this') {
    super('forbidden', 'forbidden-role', message);
  }
}

/** Too many attempts: the answer carries when to try again (429 with Retry-After). */
export class TooManyRequests extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many', code, message, { retryAfterSeconds });
  }
}
