import type { SeatOfferStatus } from '@kotoportti/model';
import type { EntityManager } from 'typeorm';

export interface OfferRow {
  id: string;
  courseId: string;
  clientId: string;
  entryId: string;
  officeId: string;
  status: SeatOfferStatus;
  offeredAt: Date;
  expiresAt: Date;
  expired: boolean;
}

const OFFER_SQL = `
  SELECT o.id, o.course_id AS "courseId", o.client_id AS "clientId", o.entry_id AS "entryId",
         cl.office_id AS "officeId", o.status, o.offered_at AS "offeredAt",
         o.expires_at AS "expiresAt", o.expires_at <= now() AS expired
    FROM seat_offers o JOIN clients cl ON cl.id = o.client_id
   WHERE o.id = $1`;

export async function readOffer(manager: EntityManager, id: string): Promise<OfferRow | undefined> {
  const rows: OfferRow[] = await manager.query(OFFER_SQL, [id]);
  return rows[0];
}

/** Lock order: the course first (lockCourse), then the offer. */
export async function lockOffer(manager: EntityManager, id: string): Promise<OfferRow | undefined> {
  const rows: OfferRow[] = await manager.query(`${OFFER_SQL} FOR UPDATE OF o`, [id]);
  return rows[0];
}

/** Closes an open offer; the WHERE makes a second close a no-op that returns false. */
export async function closeOffer(
  manager: EntityManager,
  id: string,
  fields: {
    status: Exclude<SeatOfferStatus, 'open'>;
    reason?: string;
    by?: string;
    seatId?: string;
  },
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `WITH closed AS (
       UPDATE seat_offers
          SET status = $2, decline_reason = $3, decided_by = $4, decided_at = now(), seat_id = $5
        WHERE id = $1 AND status = 'open'
       RETURNING id)
     SELECT id FROM closed`,
    [id, fields.status, fields.reason ?? null, fields.by ?? null, fields.seatId ?? null],
  );
  return rows.length === 1;
}
