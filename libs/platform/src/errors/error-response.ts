import { HttpException, HttpStatus } from '@nestjs/common';
import { pgErrorCode, violatedConstraint } from '@kotoportti/model';
import { DomainError, DomainErrorKind } from './domain-error';

/** The single error shape of SPEC §4, plus a machine-readable code. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: unknown;
}

const STATUS_OF_KIND: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  'too-many': HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function body(statusCode: number, code: string, message: string, details?: unknown): ErrorBody {
  const error = REASON[statusCode] ?? 'Error';
  return details === undefined
    ? { statusCode, error, code, message }
    : { statusCode, error, code, message, details };
}

/** Errors that Express's body parser raises before Nest sees the request. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && 'type' in e && 'status' in e;
}

/** PostgreSQL answers that mean the database is unreachable rather than that we erred. */
const UNAVAILABLE_PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

function isDatabaseUnavailable(e: unknown): boolean {
  const code = pgErrorCode(e);
  const message = e instanceof Error ? e.message : '';
  return (
    (code !== undefined && (UNAVAILABLE_PG_CODES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/**
 * PostgreSQL gave up on a transaction that met another one: a deadlock (40P01) or a
 * serialization failure (40001). Every path takes its locks in one order, so this should not
 * happen; if it does, nothing was written and the same request can simply be sent again.
 */
const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);

function isRetryable(e: unknown): boolean {
  const code = pgErrorCode(e);
  return code !== undefined && RETRYABLE_PG_CODES.has(code);
}

/** Seconds to wait before sending a request again (Retry-After), for the 503s. */
export function retryAfterSeconds(errorBody: ErrorBody): number | undefined {
  if (errorBody.statusCode !== 503) return undefined;
  return errorBody.code === 'try-again' ? 1 : 5;
}

/** An earlier answer to the same Idempotency-Key, given again as it was. */
export class ReplayedError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

/**
 * A constraint the database enforced that no service translated: still the user's input or
 * a conflict, never a 500. Services translate the ones they expect into precise codes.
 */
function databaseRefusal(e: unknown): ErrorBody | undefined {
  const code = pgErrorCode(e);
  if (code === undefined) return undefined;
  const constraint = violatedConstraint(e);
  const where = constraint !== undefined ? { constraint } : undefined;
  switch (code) {
    case '23505':
      return body(409, 'duplicate', 'A record like this already exists', where);
    case '23P01':
      return body(409, 'overlap', 'This overlaps with an existing record', where);
    case '23503':
      return body(
        409,
        'referenced-record',
        'A record this refers to is missing or still in use',
        where,
      );
    case '23514':
    case '23502':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return body(400, 'invalid-input', 'A value is not valid', where);
    default:
      return undefined;
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof ReplayedError) return exception.body;
  if (exception instanceof DomainError) {
    return body(
      STATUS_OF_KIND[exception.kind],
      exception.code,
      exception.message,
      exception.details,
    );
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.too.large') {
      return body(413, 'payload-too-large', 'The request body is too large');
    }
    if (exception.type === 'entity.parse.failed') {
      return body(400, 'malformed-json', 'The request body is not valid JSON');
    }
    if (exception.type === 'encoding.invalid') {
      return body(400, 'invalid-utf8', 'The request body is not valid UTF-8');
    }
    return body(
      exception.status >= 400 && exception.status < 500 ? exception.status : 400,
      'bad-request',
      'The request body could not be read',
    );
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code =
      status === 404 ? 'not-found' : (REASON[status] ?? 'error').toLowerCase().replace(/ /g, '-');
    return body(status, code, status === 404 ? 'Not found' : exception.message);
  }
  const fromDatabase = databaseRefusal(exception);
  if (fromDatabase) return fromDatabase;
  if (isRetryable(exception)) {
    return body(503, 'try-again', 'The request met another one at the same moment, send it again');
  }
  if (isDatabaseUnavailable(exception)) {
    return body(503, 'unavailable', 'The service is briefly unavailable, try again in a moment');
  }
  return body(500, 'internal', 'Something went wrong on our side');
}
