import type { QueryRunner } from 'typeorm';
import { LANGUAGE_CODE_SQL_PATTERN, sqlInList } from '../code-lists';

/** `column IN ('a','b')`, built from a code list so the database and TypeScript agree. */
export function inList(column: string, values: readonly string[]): string {
  return `${column} IN (${sqlInList(values)})`;
}

/** Letter and native languages are data, so only the code's shape is checked. */
export function languageCode(column: string): string {
  return `${column} ~ '${LANGUAGE_CODE_SQL_PATTERN}'`;
}

/** One statement per call, so a failure names the statement that broke. */
export async function runAll(queryRunner: QueryRunner, statements: readonly string[]) {
  for (const statement of statements) await queryRunner.query(statement);
}
