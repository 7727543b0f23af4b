import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LetterKind, OfficeLanguage, Pace, TargetLanguage, TestKind } from '@kotoportti/model';
import { DataSource, type EntityManager } from 'typeorm';
import type { LetterClient, LetterFacts, LetterOffice } from '../letter-templates/letter-data';

/**
 * What a letter is about, read from the tables of the booking and queue services: a test
 * booking, a course seat or a waiting-list entry, with its client and the client's office.
 */
export interface LetterSubject {
  /** The booking, seat or waiting-list entry id. */
  subjectId: string;
  /** booked / reserved / waiting…: only an active subject gets a letter. */
  active: boolean;
  clientId: string;
  officeId: string;
  letterLanguage: string;
  office: LetterOffice;
  client: LetterClient;
  facts: LetterFacts;
}

interface PartyRow {
  subject_id: string;
  active: boolean;
  client_id: string;
  office_id: string;
  first_name: string;
  last_name: string;
  client_street: string | null;
  client_postal_code: string | null;
  client_city: string | null;
  letter_language: string;
  client_interpreter: string | null;
  office_name: string;
  office_language: OfficeLanguage;
  office_phone: string | null;
  office_email: string | null;
  office_street: string | null;
  office_postal_code: string | null;
  office_city: string | null;
}

interface InvitationRow extends PartyRow {
  test_kind: TestKind;
  target_language: TargetLanguage;
  starts_at: Date;
  ends_at: Date;
  test_centre: string;
  location: string;
  address: string;
  booking_interpreter: string | null;
}

interface CoursePlaceRow extends PartyRow {
  course_name: string;
  provider: string;
  target_language: TargetLanguage;
  pace: Pace;
  starts_on: string;
  ends_on: string;
  schedule: string;
  location: string;
  address: string;
  childcare: boolean;
  evening: boolean;
}

interface WaitingListRow extends PartyRow {
  target_language: TargetLanguage;
  pace: Pace;
  start_level: string;
  waiting_since: string;
}

const PARTY_COLUMNS = `
  c.id AS client_id, c.office_id, c.first_name, c.last_name,
  c.street_address AS client_street, c.postal_code AS client_postal_code, c.city AS client_city,
  c.letter_language, c.interpreter_language AS client_interpreter,
  o.name AS office_name, o.language AS office_language, o.phone AS office_phone,
  o.email AS office_email, o.street_address AS office_street,
  o.postal_code AS office_postal_code, o.city AS office_city`;

/** `$2` is the official's office, or NULL for an admin and for a batch already scoped when asked. */
const IN_SCOPE = `($2::uuid IS NULL OR c.office_id = $2::uuid)`;

const QUERIES: Record<LetterKind, string> = {
  'test-invitation': `
    SELECT b.id AS subject_id, (b.status = 'booked' AND s.status = 'scheduled') AS active,
      s.kind AS test_kind, s.target_language, s.starts_at, s.ends_at, s.location, s.address,
      tc.name AS test_centre, b.interpreter_language AS booking_interpreter, ${PARTY_COLUMNS}
    FROM test_bookings b
    JOIN test_sessions s ON s.id = b.session_id
    JOIN organisations tc ON tc.id = s.test_centre_id
    JOIN clients c ON c.id = b.client_id
    JOIN organisations o ON o.id = c.office_id
    WHERE b.id = ANY($1::uuid[]) AND ${IN_SCOPE}`,
  'course-place': `
    SELECT st.id AS subject_id, (st.status IN ('reserved', 'started') AND co.status = 'published') AS active,
      co.name AS course_name, p.name AS provider, co.target_language, co.pace,
      co.starts_on, co.ends_on, co.schedule, co.location, co.address, co.childcare, co.evening,
      ${PARTY_COLUMNS}
    FROM seats st
    JOIN courses co ON co.id = st.course_id
    JOIN organisations p ON p.id = co.provider_id
    JOIN clients c ON c.id = st.client_id
    JOIN organisations o ON o.id = c.office_id
    WHERE st.id = ANY($1::uuid[]) AND ${IN_SCOPE}`,
  'waiting-list': `
    SELECT e.id AS subject_id, (e.status = 'waiting') AS active,
      e.target_language, e.pace, e.start_level, e.waiting_since, ${PARTY_COLUMNS}
    FROM waiting_list_entries e
    JOIN clients c ON c.id = e.client_id
    JOIN organisations o ON o.id = c.office_id
    WHERE e.id = ANY($1::uuid[]) AND ${IN_SCOPE}`,
};

function party(row: PartyRow): Omit<LetterSubject, 'facts'> {
  return {
    subjectId: row.subject_id,
    active: row.active,
    clientId: row.client_id,
    officeId: row.office_id,
    letterLanguage: row.letter_language,
    office: {
      name: row.office_name,
      language: row.office_language,
      phone: row.office_phone,
      email: row.office_email,
      streetAddress: row.office_street,
      postalCode: row.office_postal_code,
      city: row.office_city,
    },
    client: {
      id: row.client_id,
      firstName: row.first_name,
      lastName: row.last_name,
      streetAddress: row.client_street,
      postalCode: row.client_postal_code,
      city: row.client_city,
    },
  };
}

function factsOf(kind: LetterKind, row: PartyRow): LetterFacts {
  switch (kind) {
    case 'test-invitation': {
      const r = row as InvitationRow;
      return {
        kind,
        bookingId: r.subject_id,
        testKind: r.test_kind,
        targetLanguage: r.target_language,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        testCentre: r.test_centre,
        location: r.location,
        address: r.address,
        interpreterLanguage: r.booking_interpreter ?? r.client_interpreter,
      };
    }
    case 'course-place': {
      const r = row as CoursePlaceRow;
      return {
        kind,
        seatId: r.subject_id,
        courseName: r.course_name,
        provider: r.provider,
        targetLanguage: r.target_language,
        pace: r.pace,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        schedule: r.schedule,
        location: r.location,
        address: r.address,
        childcare: r.childcare,
        evening: r.evening,
        interpreterLanguage: r.client_interpreter,
      };
    }
    case 'waiting-list': {
      const r = row as WaitingListRow;
      return {
        kind,
        entryId: r.subject_id,
        targetLanguage: r.target_language,
        pace: r.pace,
        startLevel: r.start_level,
        waitingSince: r.waiting_since,
        interpreterLanguage: r.client_interpreter,
      };
    }
  }
}

@Injectable()
export class LetterSources {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The subjects with these ids that the office may see, in the order asked for; ids outside
   * the office are simply absent, so the caller answers 404 without revealing them.
   */
  async load(
    kind: LetterKind,
    subjectIds: readonly string[],
    officeId: string | null,
    manager: EntityManager = this.db.manager,
  ): Promise<LetterSubject[]> {
    const rows: PartyRow[] = await manager.query(QUERIES[kind], [subjectIds, officeId]);
    const byId = new Map(rows.map((row) => [row.subject_id, row]));
    return subjectIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ ...party(row), facts: factsOf(kind, row) }] : [];
    });
  }
}
