import { Forbidden, NotFound, type Actor } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';

/**
 * The office an official acts for and its region; null for an admin, who sees all offices
 * (SPEC §1). A foreign record answers 404 elsewhere, as if it did not exist.
 */
export async function officeOf(
  manager: EntityManager,
  actor: Actor,
): Promise<{ officeId: string; regionId: string } | null> {
  if (actor.role === 'admin') return null;
  if (!actor.organisationId) throw new Forbidden('You belong to no organisation');
  const rows: Array<{ regionId: string | null }> = await manager.query(
    `SELECT region_id AS "regionId" FROM organisations WHERE id = $1`,
    [actor.organisationId],
  );
  if (!rows[0]?.regionId) throw new Forbidden('Only an employment office has clients in a queue');
  return { officeId: actor.organisationId, regionId: rows[0].regionId };
}

/** The client's office, or 404 when there is no such client or it belongs to another office. */
export async function visibleClientOffice(
  manager: EntityManager,
  actor: Actor,
  clientId: string,
): Promise<string> {
  const rows: Array<{ officeId: string }> = await manager.query(
    `SELECT office_id AS "officeId" FROM clients WHERE id = $1`,
    [clientId],
  );
  const officeId = rows[0]?.officeId;
  if (!officeId || (actor.role !== 'admin' && officeId !== actor.organisationId)) {
    throw new NotFound('Client');
  }
  return officeId;
}
