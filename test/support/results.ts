import type { Level, Pace } from '@kotoportti/model';
import type { DataSource } from 'typeorm';
import { createOrganisation, createUser } from './factories';

export interface ResultFields {
  startLevel: Level;
  pace?: Pace;
  /** When the tester entered it; "the latest start level" is the newest current one. */
  enteredAt?: Date;
  isCurrent?: boolean;
}

export interface RecordedResult {
  clientId: string;
  resultId: string;
  bookingId: string;
  sessionId: string;
}

/**
 * Test results straight into the database, one per client, each with an attended booking
 * in one past session of a fresh test centre, so that seat bookings can be checked against
 * the client's start level without the test-booking API of another feature.
 */
export async function recordResults(
  db: DataSource,
  clientIds: string[],
  fields: ResultFields,
): Promise<RecordedResult[]> {
  const testCentreId = await createOrganisation(db, 'test-centre');
  const tester = await createUser(db, 'tester', testCentreId);
  const enteredAt = fields.enteredAt ?? new Date(Date.now() - 3600_000);
  const startsAt = new Date(enteredAt.getTime() - 3 * 3600_000);
  const endsAt = new Date(enteredAt.getTime() - 3600_000);
  const [session]: Array<{ id: string }> = await db.query(
    `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at,
                                location, address, capacity, created_by)
     VALUES ($1, 'initial', 'fi', $2, $3, 'Room 1', 'Testikatu 1, Helsinki', 500, $4)
     RETURNING id`,
    [testCentreId, startsAt, endsAt, tester.id],
  );
  const rows: Array<{ client_id: string; result_id: string; booking_id: string }> = await db.query(
    `WITH bookings AS (
         INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status, booked_by)
         SELECT $1, client_id, 'initial', $3, $4, 'attended', $5 FROM unnest($2::uuid[]) AS client_id
         RETURNING id, client_id
       )
       INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing,
                                 literacy, start_level, pace, recommendation, entered_by,
                                 entered_at, is_current)
       SELECT id, client_id, $6, $6, $6, $6, 'literate-latin', $6, $7, 'Integration training',
              $5, $8, $9
         FROM bookings
       RETURNING client_id, id AS result_id, booking_id`,
    [
      session.id,
      clientIds,
      startsAt,
      endsAt,
      tester.id,
      fields.startLevel,
      fields.pace ?? 'basic',
      enteredAt,
      fields.isCurrent ?? true,
    ],
  );
  return rows.map((row) => ({
    clientId: row.client_id,
    resultId: row.result_id,
    bookingId: row.booking_id,
    sessionId: session.id,
  }));
}

export async function recordResult(
  db: DataSource,
  clientId: string,
  fields: ResultFields,
): Promise<RecordedResult> {
  const [recorded] = await recordResults(db, [clientId], fields);
  return recorded;
}
