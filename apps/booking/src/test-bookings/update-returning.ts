import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE … RETURNING and gives back its rows. TypeORM answers an UPDATE with
 * `[rows, rowCount]` rather than the rows (unlike SELECT, INSERT and WITH statements),
 * which is easy to miss: `result.length` would always be 2.
 */
export async function updateReturning<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as T[];
  }
  return result as T[];
}
