import type { DataSource } from 'typeorm';

/** What the database holds of the bookings a scenario asked for. */
export interface BookingFacts {
  /** Answered 201 but not in the database. */
  lost: number;
  /** Clients holding more than one active booking of the scenario's kind, or seat. */
  duplicated: number;
  /** Bookings or seats missing their audit entry or event, and counters that disagree. */
  halfDone: string[];
}

/**
 * Test bookings and seats of `clientIds`, checked against the ids answered 201: each exists
 * exactly once, with the audit entry (and, for seats, the outbox event) of its transaction,
 * and the sessions' and courses' place counters equal the rows they count.
 */
export async function checkBookings(
  db: DataSource,
  clientIds: string[],
  answered: { testBookings: string[]; seats: string[] },
): Promise<BookingFacts> {
  const [{ lost }] = await db.query(
    `SELECT (SELECT count(*) FROM unnest($1::uuid[]) AS answered(id)
              WHERE NOT EXISTS (SELECT 1 FROM test_bookings b WHERE b.id = answered.id))
          + (SELECT count(*) FROM unnest($2::uuid[]) AS answered(id)
              WHERE NOT EXISTS (SELECT 1 FROM seats s WHERE s.id = answered.id)) AS lost`,
    [answered.testBookings, answered.seats],
  );
  const [{ duplicated }] = await db.query(
    `SELECT (SELECT count(*) FROM (SELECT client_id FROM test_bookings
               WHERE client_id = ANY($1) AND status = 'booked'
               GROUP BY client_id, kind HAVING count(*) > 1) d)
          + (SELECT count(*) FROM (SELECT client_id FROM seats
               WHERE client_id = ANY($1) AND status = 'reserved'
               GROUP BY client_id HAVING count(*) > 1) d) AS duplicated`,
    [clientIds],
  );
  return {
    lost: Number(lost),
    duplicated: Number(duplicated),
    halfDone: await halfDone(db, clientIds),
  };
}

async function halfDone(db: DataSource, clientIds: string[]): Promise<string[]> {
  const rows: Array<{ problem: string }> = await db.query(
    `SELECT 'test booking ' || b.id || ' without its audit entry' AS problem
       FROM test_bookings b WHERE b.client_id = ANY($1) AND NOT EXISTS (
         SELECT 1 FROM audit_events a
          WHERE a.action = 'test-booking.create' AND a.entity_id = b.id::text)
     UNION ALL
     SELECT 'seat ' || s.id || ' without its audit entry' FROM seats s
      WHERE s.client_id = ANY($1) AND NOT EXISTS (
        SELECT 1 FROM audit_events a WHERE a.action = 'seat.create' AND a.entity_id = s.id::text)
     UNION ALL
     SELECT 'seat ' || s.id || ' without its seat.booked event' FROM seats s
      WHERE s.client_id = ANY($1) AND NOT EXISTS (
        SELECT 1 FROM outbox_events o WHERE o.type = 'seat.booked' AND o.aggregate_id = s.id::text)
     UNION ALL
     SELECT 'session ' || t.id || ' counts ' || t.booked_count || ' places for '
            || count(b.id) || ' bookings'
       FROM test_sessions t LEFT JOIN test_bookings b ON b.session_id = t.id AND b.status = 'booked'
      WHERE t.id IN (SELECT session_id FROM test_bookings WHERE client_id = ANY($1))
      GROUP BY t.id HAVING t.booked_count <> count(b.id)
     UNION ALL
     SELECT 'course ' || c.id || ' counts ' || c.seats_taken || ' seats for ' || count(s.id)
       FROM courses c
       LEFT JOIN seats s ON s.course_id = c.id AND s.status IN ('reserved', 'started', 'completed')
      WHERE c.id IN (SELECT course_id FROM seats WHERE client_id = ANY($1))
      GROUP BY c.id HAVING c.seats_taken <> count(s.id)`,
    [clientIds],
  );
  return rows.map((row) => row.problem);
}
