import type { DataSource } from 'typeorm';

/**
 * Consent straight into the database, so the course and seat tests do not depend on the
 * consent API of another feature; the booking rules only read the consents table.
 */
export async function recordConsent(
  db: DataSource,
  clientId: string,
  recordedBy: string,
): Promise<string> {
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO consents (client_id, given_at, method, recorded_by)
     VALUES ($1, now() - interval '1 minute', 'written', $2) RETURNING id`,
    [clientId, recordedBy],
  );
  return rows[0].id;
}

export async function withdrawConsent(
  db: DataSource,
  clientId: string,
  withdrawnBy: string,
): Promise<void> {
  await db.query(
    `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2
      WHERE client_id = $1 AND withdrawn_at IS NULL`,
    [clientId, withdrawnBy],
  );
}
