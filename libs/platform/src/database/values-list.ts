/**
 * Rows as one `VALUES ($1, $2), ($3, $4)` list and its parameters, for inserting many rows in
 * one statement. PostgreSQL takes at most 65,535 parameters in a statement; callers split.
 */
export function valuesList(rows: readonly (readonly unknown[])[]): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  return { sql: tuples.join(', '), params };
}
