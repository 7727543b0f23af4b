import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TargetLanguage, TestKind, TestSessionStatus } from '@kotoportti/model';
import { helsinkiIso } from './helsinki-time';

/** A test session as the API shows it: times in Helsinki's offset, with places left. */
export class TestSessionView {
  @ApiProperty() id: string;
  @ApiProperty() testCentreId: string;
  @ApiProperty() testCentreName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) seriesId: string | null;
  @ApiProperty() kind: TestKind;
  @ApiProperty() targetLanguage: TargetLanguage;
  @ApiProperty({ example: '2026-03-31T09:00:00+03:00' }) startsAt: string;
  @ApiProperty({ example: '2026-03-31T12:00:00+03:00' }) endsAt: string;
  @ApiProperty() location: string;
  @ApiProperty() address: string;
  @ApiProperty() capacity: number;
  @ApiProperty() bookedCount: number;
  @ApiProperty({ description: 'Free places; 0 once the session is cancelled' })
  placesLeft: number;
  @ApiProperty() status: TestSessionStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt: string | null;
}

export class TestSessionSeriesView {
  @ApiProperty() seriesId: string;
  @ApiProperty({ type: [TestSessionView] }) sessions: TestSessionView[];
}

/** The columns every session query selects, in snake_case as PostgreSQL returns them. */
export interface TestSessionRow {
  id: string;
  test_centre_id: string;
  test_centre_name: string;
  series_id: string | null;
  kind: TestKind;
  target_language: TargetLanguage;
  starts_at: Date;
  ends_at: Date;
  location: string;
  address: string;
  capacity: number;
  booked_count: number;
  status: TestSessionStatus;
  cancel_reason: string | null;
  cancelled_at: Date | null;
}

export const SESSION_COLUMNS = `s.id, s.test_centre_id, o.name AS test_centre_name, s.series_id,
  s.kind, s.target_language, s.starts_at, s.ends_at, s.location, s.address, s.capacity,
  s.booked_count, s.status, s.cancel_reason, s.cancelled_at`;

export function toSessionView(row: TestSessionRow): TestSessionView {
  return {
    id: row.id,
    testCentreId: row.test_centre_id,
    testCentreName: row.test_centre_name,
    seriesId: row.series_id,
    kind: row.kind,
    targetLanguage: row.target_language,
    startsAt: helsinkiIso(row.starts_at),
    endsAt: helsinkiIso(row.ends_at),
    location: row.location,
    address: row.address,
    capacity: row.capacity,
    bookedCount: row.booked_count,
    placesLeft: row.status === 'scheduled' ? row.capacity - row.booked_count : 0,
    status: row.status,
    cancelReason: row.cancel_reason,
    cancelledAt: row.cancelled_at ? helsinkiIso(row.cancelled_at) : null,
  };
}
