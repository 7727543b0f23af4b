import type { Pace, TestKind } from '@kotoportti/model';
import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { createOrganisation, createUser, login } from './factories';

/**
 * The rows letters are printed from, written straight into the tables of the booking and
 * queue services (test sessions, bookings, courses, seats, waiting-list entries), so the
 * letter tests do not depend on those services' endpoints.
 */

const unique = () => randomBytes(4).toString('hex');

async function insert(db: DataSource, sql: string, params: unknown[]): Promise<string> {
  const rows: Array<{ id: string }> = await db.query(sql, params);
  return rows[0].id;
}

export interface LetterOffice {
  officeId: string;
  regionId: string;
  officialId: string;
  token: string;
  testCentreId: string;
  providerId: string;
}

/** An employment office with its contact details, an official of it, a test centre and a provider. */
export async function createLetterOffice(
  http: TestAgent,
  db: DataSource,
  fields: { language?: 'fi' | 'sv'; name?: string } = {},
): Promise<LetterOffice> {
  const officeId = await createOrganisation(db, 'employment-office', {
    language: fields.language ?? 'fi',
    name: fields.name ?? `TE-palvelut ${unique()}`,
  });
  await db.query(
    `UPDATE organisations SET street_address = 'Pasilanraitio 5', postal_code = '00240',
       city = 'Helsinki', phone = '+358 29 502 0401', email = 'kotoutuminen@te.example.fi'
     WHERE id = $1`,
    [officeId],
  );
  const [{ region_id: regionId }]: Array<{ region_id: string }> = await db.query(
    `SELECT region_id FROM organisations WHERE id = $1`,
    [officeId],
  );
  const official = await createUser(db, 'official', officeId);
  return {
    officeId,
    regionId,
    officialId: official.id,
    token: await login(http, official.username),
    testCentreId: await createOrganisation(db, 'test-centre', { name: 'Testipiste Helsinki' }),
    providerId: await createOrganisation(db, 'course-provider', { name: 'Helsingin aikuisopisto' }),
  };
}

export async function createLetterClient(
  db: DataSource,
  office: LetterOffice,
  fields: {
    letterLanguage: string;
    firstName?: string;
    lastName?: string;
    interpreterLanguage?: string | null;
  },
): Promise<string> {
  return insert(
    db,
    `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
       letter_language, target_language, street_address, postal_code, city, interpreter_language, created_by)
     VALUES ($1, $2, $3, '1988-03-14', $4, $4, 'fi', 'Kauppakatu 5 A 12', '00100', 'Helsinki', $5, $6)
     RETURNING id`,
    [
      office.officeId,
      fields.firstName ?? 'Amina',
      fields.lastName ?? `Hassan-${unique()}`,
      fields.letterLanguage,
      fields.interpreterLanguage ?? null,
      office.officialId,
    ],
  );
}

export async function createTestSession(
  db: DataSource,
  office: LetterOffice,
  fields: {
    startsAt: Date;
    minutes?: number;
    kind?: TestKind;
    location?: string;
    capacity?: number;
  },
): Promise<string> {
  const endsAt = new Date(fields.startsAt.getTime() + (fields.minutes ?? 180) * 60_000);
  return insert(
    db,
    `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at, location,
       address, capacity, created_by)
     VALUES ($1, $2, 'fi', $3, $4, $5, 'Kaikukatu 4 B, 00530 Helsinki', $6, $7) RETURNING id`,
    [
      office.testCentreId,
      fields.kind ?? 'initial',
      fields.startsAt,
      endsAt,
      fields.location ?? `Sali ${unique()}`,
      fields.capacity ?? 500,
      office.officialId,
    ],
  );
}

/** A booking in a session, taking a place the way the booking service does. */
export async function createTestBooking(
  db: DataSource,
  office: LetterOffice,
  sessionId: string,
  clientId: string,
  fields: { interpreterLanguage?: string | null; status?: 'booked' | 'cancelled' } = {},
): Promise<string> {
  const [session]: Array<{ kind: TestKind; starts_at: Date; ends_at: Date }> = await db.query(
    `WITH taken AS (
       UPDATE test_sessions SET booked_count = booked_count + 1 WHERE id = $1
       RETURNING kind, starts_at, ends_at)
     SELECT * FROM taken`,
    [sessionId],
  );
  return insert(
    db,
    `INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status,
       interpreter_language, booked_by, cancelled_at, cancelled_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
       CASE WHEN $6 = 'cancelled' THEN now() END, CASE WHEN $6 = 'cancelled' THEN $8::uuid END)
     RETURNING id`,
    [
      sessionId,
      clientId,
      session.kind,
      session.starts_at,
      session.ends_at,
      fields.status ?? 'booked',
      fields.interpreterLanguage ?? null,
      office.officialId,
    ],
  );
}

export async function createCourseSeat(
  db: DataSource,
  office: LetterOffice,
  clientId: string,
  fields: { pace?: Pace; childcare?: boolean; evening?: boolean; startsOn?: string } = {},
): Promise<string> {
  const courseId = await insert(
    db,
    `INSERT INTO courses (provider_id, region_id, name, target_language, pace, min_level, max_level,
       starts_on, ends_on, schedule, location, address, seats, seats_taken, childcare, evening, created_by)
     VALUES ($1, $2, 'Suomea työelämään A1–A2', 'fi', $3, 'A1.1', 'A2.2', $4, '2026-06-05',
       'ma–to 9.00–13.00', 'Luokka 204', 'Töölönkatu 2, 00100 Helsinki', 20, 1, $5, $6, $7)
     RETURNING id`,
    [
      office.providerId,
      office.regionId,
      fields.pace ?? 'basic',
      fields.startsOn ?? '2026-01-12',
      fields.childcare ?? true,
      fields.evening ?? false,
      office.officialId,
    ],
  );
  return insert(
    db,
    `INSERT INTO seats (course_id, client_id, booked_by) VALUES ($1, $2, $3) RETURNING id`,
    [courseId, clientId, office.officialId],
  );
}

export async function createWaitingListEntry(
  db: DataSource,
  office: LetterOffice,
  clientId: string,
  fields: { pace?: Pace; startLevel?: string; waitingSince?: string } = {},
): Promise<string> {
  return insert(
    db,
    `INSERT INTO waiting_list_entries (client_id, office_id, region_id, target_language, pace,
       start_level, waiting_since, result_at)
     VALUES ($1, $2, $3, 'fi', $4, $5, $6, now()) RETURNING id`,
    [
      clientId,
      office.officeId,
      office.regionId,
      fields.pace ?? 'slow',
      fields.startLevel ?? 'A1.2',
      fields.waitingSince ?? '2025-11-20',
    ],
  );
}

/** Many clients each booked into one of a day's sessions: the shape of a daily batch. */
export async function createDayOfBookings(
  db: DataSource,
  office: LetterOffice,
  fields: { day: string; count: number; languages: readonly string[]; perSession?: number },
): Promise<string[]> {
  const perSession = fields.perSession ?? 100;
  const bookingIds: string[] = [];
  let sessionId = '';
  for (let i = 0; i < fields.count; i++) {
    if (i % perSession === 0) {
      const hour = 8 + Math.floor(i / perSession);
      sessionId = await createTestSession(db, office, {
        startsAt: new Date(`${fields.day}T${String(hour).padStart(2, '0')}:00:00+02:00`),
        minutes: 45,
        location: `Sali ${hour}`,
      });
    }
    const clientId = await createLetterClient(db, office, {
      letterLanguage: fields.languages[i % fields.languages.length],
      lastName: `Client-${String(i).padStart(5, '0')}`,
    });
    bookingIds.push(await createTestBooking(db, office, sessionId, clientId));
  }
  return bookingIds;
}
