import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  TargetLanguage,
  TestBookingStatus,
  TestKind,
  TestSessionStatus,
} from '@kotoportti/model';
import { helsinkiIso } from '../test-sessions/helsinki-time';

export class BookedClientView {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() birthDate: string;
}

export class BookedSessionView {
  @ApiProperty() testCentreId: string;
  @ApiProperty() testCentreName: string;
  @ApiProperty() targetLanguage: TargetLanguage;
  @ApiProperty() location: string;
  @ApiProperty() address: string;
  @ApiProperty() status: TestSessionStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the centre cancelled' })
  cancelReason: string | null;
}

export class TestBookingView {
  @ApiProperty() id: string;
  @ApiProperty() sessionId: string;
  @ApiProperty() clientId: string;
  @ApiProperty() kind: TestKind;
  @ApiProperty({ example: '2026-03-31T09:00:00+03:00' }) startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() status: TestBookingStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) interpreterLanguage: string | null;
  @ApiProperty() bookedBy: string;
  @ApiProperty() bookedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) attendanceMarkedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rebookedFromId: string | null;
  @ApiProperty({ type: BookedSessionView }) session: BookedSessionView;
  @ApiProperty({ type: BookedClientView }) client: BookedClientView;
}

export interface TestBookingRow {
  id: string;
  session_id: string;
  client_id: string;
  kind: TestKind;
  starts_at: Date;
  ends_at: Date;
  status: TestBookingStatus;
  interpreter_language: string | null;
  booked_by: string;
  booked_at: Date;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  attendance_marked_at: Date | null;
  rebooked_from_id: string | null;
  test_centre_id: string;
  test_centre_name: string;
  target_language: TargetLanguage;
  location: string;
  address: string;
  session_status: TestSessionStatus;
  session_cancel_reason: string | null;
  first_name: string;
  last_name: string;
  birth_date: string;
}

/** Joined from bookings b, sessions s, organisations o (the centre) and clients c. */
export const BOOKING_SELECT = `SELECT b.id, b.session_id, b.client_id, b.kind, b.starts_at,
    b.ends_at, b.status, b.interpreter_language, b.booked_by, b.booked_at, b.cancelled_at,
    b.cancel_reason, b.attendance_marked_at, b.rebooked_from_id, s.test_centre_id,
    o.name AS test_centre_name, s.target_language, s.location, s.address,
    s.status AS session_status, s.cancel_reason AS session_cancel_reason,
    c.first_name, c.last_name, c.birth_date
  FROM test_bookings b
  JOIN test_sessions s ON s.id = b.session_id
  JOIN organisations o ON o.id = s.test_centre_id
  JOIN clients c ON c.id = b.client_id`;

const iso = (instant: Date | null) => (instant ? helsinkiIso(instant) : null);

export function toBookingView(row: TestBookingRow): TestBookingView {
  return {
    id: row.id,
    sessionId: row.session_id,
    clientId: row.client_id,
    kind: row.kind,
    startsAt: helsinkiIso(row.starts_at),
    endsAt: helsinkiIso(row.ends_at),
    status: row.status,
    interpreterLanguage: row.interpreter_language,
    bookedBy: row.booked_by,
    bookedAt: helsinkiIso(row.booked_at),
    cancelledAt: iso(row.cancelled_at),
    cancelReason: row.cancel_reason,
    attendanceMarkedAt: iso(row.attendance_marked_at),
    rebookedFromId: row.rebooked_from_id,
    session: {
      testCentreId: row.test_centre_id,
      testCentreName: row.test_centre_name,
      targetLanguage: row.target_language,
      location: row.location,
      address: row.address,
      status: row.session_status,
      cancelReason: row.session_cancel_reason,
    },
    client: { firstName: row.first_name, lastName: row.last_name, birthDate: row.birth_date },
  };
}
