import type { EntityManager } from 'typeorm';

/**
 * Everything Kotoportti holds about one client, table by table (GDPR art. 15). Letter PDFs
 * are listed, not included: each is fetched on its own through the letters API. Free texts
 * written about the client (recommendations, reports, reasons) are included: they are data
 * about the person too.
 */
export const EXPORT_SECTIONS = {
  client: `
    SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.birth_date AS "birthDate",
           c.personal_identity_code AS "personalIdentityCode", c.native_language AS "nativeLanguage",
           c.letter_language AS "letterLanguage", c.target_language AS "targetLanguage",
           c.phone, c.email, c.street_address AS "streetAddress", c.postal_code AS "postalCode",
           c.city, c.interpreter_language AS "interpreterLanguage",
           c.office_id AS "officeId", o.name AS "officeName",
           c.created_at AS "createdAt", c.updated_at AS "updatedAt",
           c.pseudonymised_at AS "pseudonymisedAt"
      FROM clients c JOIN organisations o ON o.id = c.office_id
     WHERE c.id = $1`,
  consents: `
    SELECT id, given_at AS "givenAt", method, recorded_by AS "recordedBy", recorded_at AS "recordedAt",
           withdrawn_at AS "withdrawnAt", withdrawn_by AS "withdrawnBy"
      FROM consents WHERE client_id = $1 ORDER BY recorded_at`,
  testBookings: `
    SELECT b.id, b.kind, b.status, b.starts_at AS "startsAt", b.ends_at AS "endsAt",
           s.location, s.address, centre.name AS "testCentreName",
           b.interpreter_language AS "interpreterLanguage", b.booked_at AS "bookedAt",
           b.cancelled_at AS "cancelledAt", b.cancel_reason AS "cancelReason",
           b.attendance_marked_at AS "attendanceMarkedAt", b.rebooked_from_id AS "rebookedFromId"
      FROM test_bookings b
      JOIN test_sessions s ON s.id = b.session_id
      JOIN organisations centre ON centre.id = s.test_centre_id
     WHERE b.client_id = $1 ORDER BY b.starts_at`,
  testResults: `
    SELECT id, booking_id AS "bookingId", version, is_current AS "isCurrent", listening, speaking,
           reading, writing, literacy, start_level AS "startLevel", pace, recommendation,
           entered_at AS "enteredAt"
      FROM test_results WHERE client_id = $1 ORDER BY entered_at, version`,
  waitingListEntries: `
    SELECT e.id, e.target_language AS "targetLanguage", e.pace, e.start_level AS "startLevel",
           region.name AS "regionName", e.waiting_since AS "waitingSince", e.status,
           e.ended_at AS "endedAt", e.end_reason AS "endReason", e.priority,
           e.priority_reason AS "priorityReason", e.created_at AS "createdAt"
      FROM waiting_list_entries e JOIN organisations region ON region.id = e.region_id
     WHERE e.client_id = $1 ORDER BY e.created_at`,
  seatOffers: `
    SELECT f.id, f.course_id AS "courseId", k.name AS "courseName", f.status,
           f.offered_at AS "offeredAt", f.expires_at AS "expiresAt", f.decided_at AS "decidedAt",
           f.decline_reason AS "declineReason"
      FROM seat_offers f JOIN courses k ON k.id = f.course_id
     WHERE f.client_id = $1 ORDER BY f.offered_at`,
  seats: `
    SELECT s.id, s.course_id AS "courseId", k.name AS "courseName", provider.name AS "providerName",
           k.starts_on AS "courseStartsOn", k.ends_on AS "courseEndsOn", s.status,
           s.booked_at AS "bookedAt", s.status_changed_at AS "statusChangedAt",
           s.level_override_reason AS "levelOverrideReason",
           COALESCE((SELECT json_agg(json_build_object(
                       'id', r.id, 'kind', r.kind, 'date', r.report_date,
                       'dropoutReason', r.dropout_reason, 'levels', r.levels,
                       'outcome', r.outcome, 'text', r.text, 'reportedAt', r.reported_at)
                     ORDER BY r.reported_at)
                       FROM seat_reports r WHERE r.seat_id = s.id), '[]'::json) AS reports
      FROM seats s
      JOIN courses k ON k.id = s.course_id
      JOIN organisations provider ON provider.id = k.provider_id
     WHERE s.client_id = $1 ORDER BY s.booked_at`,
  letters: `
    SELECT id, kind, language, office_language AS "officeLanguage",
           test_booking_id AS "testBookingId", seat_id AS "seatId",
           template_version AS "templateVersion", size_bytes AS "sizeBytes", sha256,
           created_by AS "createdBy", created_at AS "createdAt"
      FROM letters WHERE client_id = $1 ORDER BY created_at`,
  auditEvents: `
    SELECT a.id::text AS id, a.at, a.actor_role AS "actorRole", a.actor_user_id AS "actorUserId",
           org.name AS "actorOrganisationName", a.action, a.entity_type AS "entityType",
           a.entity_id AS "entityId"
      FROM audit_events a LEFT JOIN organisations org ON org.id = a.organisation_id
     WHERE a.client_id = $1 ORDER BY a.id`,
} as const;

export type ExportSection = keyof typeof EXPORT_SECTIONS;
export type Row = Record<string, unknown>;
export type ClientExport = { client: Row; exportedAt: string } & Record<
  Exclude<ExportSection, 'client'>,
  Row[]
>;

/** Reads every section in one repeatable-read snapshot, so the parts agree with each other. */
export async function readClientExport(
  manager: EntityManager,
  clientId: string,
): Promise<ClientExport | undefined> {
  const sections = Object.entries(EXPORT_SECTIONS) as Array<[ExportSection, string]>;
  const result: Partial<Record<ExportSection, Row[]>> = {};
  for (const [name, sql] of sections) {
    result[name] = await manager.query<Row[]>(sql, [clientId]);
  }
  const [client] = result.client ?? [];
  if (!client) return undefined;
  const { client: _rows, ...rest } = result as Record<ExportSection, Row[]>;
  return { client, exportedAt: new Date().toISOString(), ...rest };
}
