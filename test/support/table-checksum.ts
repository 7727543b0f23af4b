import type { DataSource } from 'typeorm';

/**
 * One fingerprint per table (row count and a hash of every row), so a test can prove that
 * a request changed nothing anywhere, not only in the table it aimed at.
 */
export async function tableChecksums(
  db: DataSource,
  ignore: readonly string[] = [],
): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await db.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    if (ignore.includes(name)) continue;
    const [row]: Array<{ n: number; sum: string }> = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum
         FROM "${name}" t`,
    );
    sums[name] = `${row.n}:${row.sum}`;
  }
  return sums;
}
