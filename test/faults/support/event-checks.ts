import type { DataSource } from 'typeorm';
import { RECOMPUTE_SQL } from '../../../apps/queue/src/entries/recompute.sql';

/** True once every outbox event is published and consumed by the queue service. */
export async function outboxDrained(db: DataSource): Promise<true | undefined> {
  const [{ pending }] = await db.query(
    `SELECT count(*)::int AS pending FROM outbox_events o
      WHERE o.published_at IS NULL OR NOT EXISTS (
        SELECT 1 FROM consumed_events c WHERE c.consumer = 'queue' AND c.event_id = o.id)`,
  );
  return pending === 0 ? true : undefined;
}

/**
 * The clients' waiting-list entries as the queue service keeps them, against the same
 * entries recomputed from scratch (apps/queue/src/entries/recompute.sql); returns the
 * clients on which the two disagree.
 */
export async function disagreeingClients(db: DataSource, clientIds: string[]): Promise<string[]> {
  const rows: Array<{ client_id: string }> = await db.query(
    `WITH truth AS (
       SELECT client_id, status,
              CASE WHEN status = 'waiting' THEN start_level END AS start_level,
              CASE WHEN status = 'waiting' THEN pace END AS pace,
              CASE WHEN status = 'waiting' THEN waiting_since END AS waiting_since
         FROM (${RECOMPUTE_SQL.replace('$1', '$2')}) r WHERE client_id = ANY($1)
     ), live AS (
       SELECT client_id, status,
              CASE WHEN status = 'waiting' THEN start_level END AS start_level,
              CASE WHEN status = 'waiting' THEN pace END AS pace,
              CASE WHEN status = 'waiting' THEN waiting_since END AS waiting_since
         FROM (SELECT DISTINCT ON (client_id) * FROM waiting_list_entries
                WHERE client_id = ANY($1) ORDER BY client_id, created_at DESC, id DESC) e
     )
     SELECT coalesce(t.client_id, l.client_id) AS client_id
       FROM truth t FULL JOIN live l ON l.client_id = t.client_id
      WHERE t IS DISTINCT FROM l`,
    [clientIds, 'return'],
  );
  return rows.map((row) => row.client_id);
}

/** Clients with more than one entry, or whose entry into the queue was applied twice. */
export async function doublyApplied(db: DataSource, clientIds: string[]): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM (
       SELECT client_id FROM waiting_list_entries WHERE client_id = ANY($1)
        GROUP BY client_id HAVING count(*) > 1
       UNION
       SELECT client_id FROM audit_events
        WHERE client_id = ANY($1) AND action = 'waiting-list.enter'
        GROUP BY client_id HAVING count(*) > 1) d`,
    [clientIds],
  );
  return n;
}
