import { Client } from 'pg';

async function withClient<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Courses over capacity, and courses whose seats_taken disagrees with their seats: both must be 0. */
export async function checkLedger(url: string): Promise<{ overbooked: number; drifted: number }> {
  return withClient(url, async (db) => {
    const { rows } = await db.query<{ overbooked: number; drifted: number }>(
      `SELECT count(*) FILTER (WHERE c.seats_taken > c.seats)::int AS overbooked,
              count(*) FILTER (WHERE c.seats_taken <> coalesce(s.holding, 0))::int AS drifted
         FROM courses c
         LEFT JOIN (SELECT course_id, count(*) AS holding FROM seats
                     WHERE status IN ('reserved', 'started', 'completed') GROUP BY course_id) s
           ON s.course_id = c.id`,
    );
    return rows[0];
  });
}

/** Empties every course again, so the second run starts from the state the first did. */
export async function resetSeats(url: string): Promise<void> {
  await withClient(url, async (db) => {
    await db.query(`DELETE FROM seats`);
    await db.query(`UPDATE courses SET seats_taken = 0`);
    await db.query(`DELETE FROM outbox_events`);
    await db.query(`VACUUM ANALYZE seats`);
  });
}

export async function officialsOf(
  url: string,
  usernames: string[],
): Promise<Array<{ userId: string; officeId: string }>> {
  return withClient(url, async (db) => {
    const { rows } = await db.query<{ id: string; organisation_id: string; username: string }>(
      `SELECT id, organisation_id, username FROM users WHERE username = ANY($1)`,
      [usernames],
    );
    const byName = new Map(rows.map((row) => [row.username, row]));
    return usernames.map((name) => ({
      userId: byName.get(name)!.id,
      officeId: byName.get(name)!.organisation_id,
    }));
  });
}

export async function postgresVersion(url: string): Promise<string> {
  return withClient(url, async (db) => {
    const { rows } = await db.query<{ server_version: string }>(`SHOW server_version`);
    return rows[0].server_version;
  });
}
