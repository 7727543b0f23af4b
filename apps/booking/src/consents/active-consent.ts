import type { EntityManager } from 'typeorm';

/**
 * SQL that is true while the client `clientIdSql` (a column or a parameter) has consent to
 * data exchange on record: testers and providers see the client only then (SPEC §1).
 */
export function activeConsentSql(clientIdSql: string): string {
  return `EXISTS (SELECT 1 FROM consents k WHERE k.client_id = ${clientIdSql} AND k.withdrawn_at IS NULL)`;
}

/**
 * Shared-locks the client's active consent until commit and says whether there is one: a
 * withdrawal waits for the caller's change, and a withdrawal that committed first is seen, so
 * nothing slips in between the check and the write.
 */
export async function lockActiveConsent(
  manager: EntityManager,
  clientId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT id FROM consents WHERE client_id = $1 AND withdrawn_at IS NULL FOR SHARE`,
    [clientId],
  );
  return rows.length > 0;
}
