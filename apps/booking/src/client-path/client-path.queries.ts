import { actorStampSql } from '../seats/report-entries';

/**
 * The SQL of a client's path, one statement per part; each takes the client id as $1 and
 * returns rows already in the API's shape (camelCase, stamps of who did what).
 */

export const CLIENT_SQL = `
  SELECT id, office_id AS "officeId", first_name AS "firstName", last_name AS "lastName",
         birth_date AS "birthDate", native_language AS "nativeLanguage",
         target_language AS "targetLanguage"
    FROM clients WHERE id = $1`;

export const CONSENTS_SQL = `
  SELECT k.id, k.given_at AS "givenAt", k.method, k.recorded_at AS "recordedAt",
         k.withdrawn_at AS "withdrawnAt", ${actorStampSql('u', 'o')} AS "recordedBy"
    FROM consents k
    JOIN users u ON u.id = k.recorded_by
    LEFT JOIN organisations o ON o.id = u.organisation_id
   WHERE k.client_id = $1
   ORDER BY k.recorded_at`;

/** Every test booking with its session and every version of its result. */
export const TESTS_SQL = `
  SELECT b.id, b.kind, b.status, b.starts_at AS "startsAt", b.ends_at AS "endsAt",
         b.booked_at AS "bookedAt", b.cancelled_at AS "cancelledAt", b.cancel_reason AS "cancelReason",
         b.attendance_marked_at AS "attendanceMarkedAt", ${actorStampSql('bu', 'bo')} AS "bookedBy",
         json_build_object('id', s.id, 'targetLanguage', s.target_language, 'location', s.location,
           'address', s.address, 'testCentreId', tc.id, 'testCentreName', tc.name) AS session,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'id', r.id, 'version', r.version, 'isCurrent', r.is_current,
                    'listening', r.listening, 'speaking', r.speaking, 'reading', r.reading,
                    'writing', r.writing, 'literacy', r.literacy, 'startLevel', r.start_level,
                    'pace', r.pace, 'recommendation', r.recommendation, 'enteredAt', r.entered_at,
                    'enteredBy', ${actorStampSql('ru', 'ro')}) ORDER BY r.version)
             FROM test_results r
             JOIN users ru ON ru.id = r.entered_by
             LEFT JOIN organisations ro ON ro.id = ru.organisation_id
            WHERE r.booking_id = b.id), '[]'::json) AS results
    FROM test_bookings b
    JOIN test_sessions s ON s.id = b.session_id
    JOIN organisations tc ON tc.id = s.test_centre_id
    JOIN users bu ON bu.id = b.booked_by
    LEFT JOIN organisations bo ON bo.id = bu.organisation_id
   WHERE b.client_id = $1
   ORDER BY b.starts_at, b.id`;

export const WAITING_LIST_SQL = `
  SELECT id, office_id AS "officeId", region_id AS "regionId", target_language AS "targetLanguage",
         pace, start_level AS "startLevel", waiting_since AS "waitingSince", status,
         ended_at AS "endedAt", end_reason AS "endReason", priority,
         priority_reason AS "priorityReason", created_at AS "createdAt"
    FROM waiting_list_entries WHERE client_id = $1
   ORDER BY created_at, id`;

/** Every seat with its course; the reports come from reportsOfSeats(). */
export const SEATS_SQL = `
  SELECT s.id, s.status, s.booked_at AS "bookedAt", s.status_changed_at AS "statusChangedAt",
         s.level_override_reason AS "levelOverrideReason", ${actorStampSql('bu', 'bo')} AS "bookedBy",
         json_build_object('id', c.id, 'name', c.name, 'providerId', c.provider_id,
           'providerName', p.name, 'targetLanguage', c.target_language, 'pace', c.pace,
           'startsOn', c.starts_on, 'endsOn', c.ends_on, 'status', c.status,
           'cancelReason', c.cancel_reason, 'cancelledAt', c.cancelled_at) AS course
    FROM seats s
    JOIN courses c ON c.id = s.course_id
    JOIN organisations p ON p.id = c.provider_id
    JOIN users bu ON bu.id = s.booked_by
    LEFT JOIN organisations bo ON bo.id = bu.organisation_id
   WHERE s.client_id = $1
   ORDER BY s.booked_at, s.id`;
