import type {
  DropoutReason,
  FollowUpOutcome,
  SeatReportKind,
  SkillLevels,
} from '@kotoportti/model';
import type { DataSource } from 'typeorm';

/** Who sent a report or booked a seat: a person and the organisation they acted for. */
export interface ActorStamp {
  userId: string;
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
}

/** `json_build_object` of a user and their organisation, in the shape of ActorStamp. */
export function actorStampSql(user: string, organisation: string): string {
  return `json_build_object('userId', ${user}.id, 'displayName', ${user}.display_name,
    'organisationId', ${organisation}.id, 'organisationName', ${organisation}.name)`;
}

export interface ReportEntry {
  id: string;
  kind: SeatReportKind;
  reportDate: string;
  dropoutReason: DropoutReason | null;
  levels: SkillLevels | null;
  outcome: FollowUpOutcome | null;
  text: string | null;
  reportedAt: Date;
  reportedBy: ActorStamp;
}

/** The reports of the seats given, oldest first, each with who sent it; keyed by seat id. */
export async function reportsOfSeats(
  db: DataSource,
  seatIds: string[],
): Promise<Map<string, ReportEntry[]>> {
  const rows: Array<ReportEntry & { seatId: string }> = await db.query(
    `SELECT r.seat_id AS "seatId", r.id, r.kind, r.report_date AS "reportDate",
            r.dropout_reason AS "dropoutReason", r.levels, r.outcome, r.text,
            r.reported_at AS "reportedAt", ${actorStampSql('u', 'o')} AS "reportedBy"
       FROM seat_reports r
       JOIN users u ON u.id = r.reported_by
       LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE r.seat_id = ANY($1::uuid[])
      ORDER BY r.reported_at, r.id`,
    [seatIds],
  );
  const bySeat = new Map<string, ReportEntry[]>();
  for (const { seatId, ...report } of rows) {
    bySeat.set(seatId, [...(bySeat.get(seatId) ?? []), report]);
  }
  return bySeat;
}
