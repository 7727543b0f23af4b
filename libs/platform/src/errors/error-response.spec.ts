import { QueryFailedError } from 'typeorm';
import { retryAfterSeconds, toErrorBody } from './error-response';

/** A PostgreSQL error as TypeORM hands it on: the driver's fields copied onto it. */
function databaseError(code: string, message: string): QueryFailedError {
  return new QueryFailedError('UPDATE …', [], Object.assign(new Error(message), { code }));
}

describe('toErrorBody', () => {
  it.each([
    ['40P01', 'deadlock detected'],
    ['40001', 'could not serialize access due to concurrent update'],
  ])('answers %s (%s) 503 try-again with Retry-After 1, never 500', (code, message) => {
    const errorBody = toErrorBody(databaseError(code, message));
    expect(errorBody).toMatchObject({ statusCode: 503, code: 'try-again' });
    expect(errorBody.message).not.toContain(message);
    expect(retryAfterSeconds(errorBody)).toBe(1);
  });

  it('keeps Retry-After 5 for an unreachable database and none below 500', () => {
    expect(retryAfterSeconds(toErrorBody(databaseError('57P01', 'terminating')))).toBe(5);
    expect(retryAfterSeconds(toErrorBody(databaseError('23505', 'duplicate key')))).toBeUndefined();
    expect(toErrorBody(databaseError('XX000', 'internal')).statusCode).toBe(500);
  });
});
