import type { EntityManager } from 'typeorm';
import { prepared } from './prepared';

export interface LockedClient {
  officeId: string;
  regionId: string;
}

/**
 * Serialises all queue work on one client: events for the same client may be applied by
 * several workers at once. FOR NO KEY UPDATE, so seat bookings (which take KEY SHARE through
 * their foreign key) are not held up. Always taken after any course lock, never before.
 */
export async function lockClient(
  manager: EntityManager,
  clientId: string,
): Promise<LockedClient | undefined> {
  const rows = await prepared<LockedClient>(
    manager,
    'queue.lock-client',
    `SELECT cl.office_id AS "officeId", o.region_id AS "regionId"
       FROM clients cl JOIN organisations o ON o.id = cl.office_id
      WHERE cl.id = $1 FOR NO KEY UPDATE OF cl`,
    [clientId],
  );
  return rows[0];
}

/** Locks several clients in id order, so two multi-client transactions cannot deadlock. */
export async function lockClients(manager: EntityManager, clientIds: string[]): Promise<void> {
  await manager.query(
    `SELECT id FROM clients WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [clientIds],
  );
}
