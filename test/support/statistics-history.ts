import type { Level, Pace } from '@kotoportti/model';
import type { DataSource } from 'typeorm';

/**
 * Writes a known history for the statistics tests straight into the tables, on fixed past
 * days: the queue service (issue 5) that fills waiting_list_entries and queue_snapshots is
 * another feature, and the booking API refuses past dates, as it should.
 * Instants are written at noon Helsinki time of the day given.
 */
const noon = (day: string) => `(${day}::date + time '12:00') AT TIME ZONE 'Europe/Helsinki'`;

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export class StatisticsHistory {
  constructor(
    private readonly db: DataSource,
    /** The user every row is created by. */
    private readonly userId: string,
  ) {}

  async clients(officeId: string, count: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
                            letter_language, target_language, created_by)
       SELECT $1, 'Client', 'No ' || n, '1990-01-01', 'ar', 'ar', 'fi', $2
         FROM generate_series(1, $3::int) AS n
       RETURNING id`,
      [officeId, this.userId, count],
    );
    return rows.map((row) => row.id);
  }

  async entry(fields: {
    clientId: string;
    officeId: string;
    regionId: string;
    pace: Pace;
    level: Level;
    since: string;
    status?: 'waiting' | 'placed' | 'removed';
    endedOn?: string;
  }): Promise<void> {
    const status = fields.status ?? 'waiting';
    const [p1, p2] = [`$9::date`, `$10::date`];
    await this.db.query(
      `INSERT INTO waiting_list_entries (client_id, office_id, region_id, target_language, pace,
                                         start_level, waiting_since, result_at, status, ended_at,
                                         end_reason)
       VALUES ($1, $2, $3, 'fi', $4, $5, $6, ${noon(p1)}, $7,
               CASE WHEN $8::text = 'waiting' THEN NULL ELSE ${noon(p2)} END,
               CASE WHEN $8::text = 'removed' THEN 'moved away' END)`,
      [
        fields.clientId,
        fields.officeId,
        fields.regionId,
        fields.pace,
        fields.level,
        fields.since,
        status,
        status,
        fields.since,
        fields.endedOn ?? fields.since,
      ],
    );
  }

  async course(fields: {
    providerId: string;
    regionId: string;
    pace: Pace;
    startsOn: string;
    seats: number;
    status?: 'published' | 'cancelled';
  }): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO courses (provider_id, region_id, name, target_language, pace, min_level,
                            max_level, starts_on, ends_on, schedule, location, address, seats,
                            status, created_by)
       VALUES ($1, $2, 'Suomea', 'fi', $3, 'below-A1.1', 'C2.2', $4, $4::date + 150,
               'Mon–Thu', 'Room 1', 'Katu 1', $5, $6, $7)
       RETURNING id`,
      [
        fields.providerId,
        fields.regionId,
        fields.pace,
        fields.startsOn,
        fields.seats,
        fields.status ?? 'published',
        this.userId,
      ],
    );
    return rows[0].id;
  }

  /** A seat and the reports its status implies: start, dropout, completion, follow-up. */
  async seat(fields: {
    courseId: string;
    clientId: string;
    status: 'reserved' | 'started' | 'completed' | 'dropped-out' | 'cancelled' | 'no-show';
    bookedOn: string;
    startedOn?: string;
    dropoutReason?: string;
    completionLevels?: Record<string, Level>;
    followUp?: string;
  }): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO seats (course_id, client_id, status, booked_by, booked_at)
       VALUES ($1, $2, $3, $4, ${noon('$5::date')}) RETURNING id`,
      [fields.courseId, fields.clientId, fields.status, this.userId, fields.bookedOn],
    );
    const seatId = rows[0].id;
    await this.placeEntry(seatId, fields.clientId, fields.status, fields.bookedOn);
    const day = fields.startedOn ?? fields.bookedOn;
    if (fields.startedOn) await this.report(seatId, 'start', fields.startedOn, {});
    if (fields.dropoutReason) {
      await this.report(seatId, 'dropout', addDays(day, 20), { reason: fields.dropoutReason });
    }
    if (fields.completionLevels) {
      await this.report(seatId, 'completion', addDays(day, 100), {
        levels: fields.completionLevels,
      });
    }
    if (fields.followUp) {
      await this.report(seatId, 'follow-up', addDays(day, 101), { outcome: fields.followUp });
    }
    return seatId;
  }

  /**
   * As the queue service does: the placed entry the seat ended remembers the seat, when the
   * seat counts as taken and was booked after the wait began.
   */
  private async placeEntry(seatId: string, clientId: string, status: string, bookedOn: string) {
    if (!['reserved', 'started', 'completed', 'dropped-out'].includes(status)) return;
    await this.db.query(
      `UPDATE waiting_list_entries SET seat_id = $1
        WHERE client_id = $2 AND status = 'placed' AND seat_id IS NULL AND waiting_since <= $3`,
      [seatId, clientId, bookedOn],
    );
  }

  private async report(
    seatId: string,
    kind: string,
    day: string,
    extra: { reason?: string; levels?: Record<string, Level>; outcome?: string },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO seat_reports (seat_id, kind, report_date, dropout_reason, levels, outcome,
                                 reported_by, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${noon('$3::date')})`,
      [
        seatId,
        kind,
        day,
        extra.reason ?? null,
        extra.levels ? JSON.stringify(extra.levels) : null,
        extra.outcome ?? null,
        this.userId,
      ],
    );
  }

  async session(fields: {
    centreId: string;
    day: string;
    capacity: number;
    status?: 'scheduled' | 'cancelled';
  }): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at,
                                  location, address, capacity, status, created_by)
       VALUES ($1, 'initial', 'fi', ${noon('$2::date')}, ${noon('$2::date')} + interval '3 hours',
               'Room ' || $2, 'Testikatu 1', $3, $4, $5)
       RETURNING id`,
      [fields.centreId, fields.day, fields.capacity, fields.status ?? 'scheduled', this.userId],
    );
    return rows[0].id;
  }

  /** Bookings of a session with one status; attended ones get a current result. */
  async bookings(
    sessionId: string,
    clientIds: string[],
    status: 'booked' | 'attended' | 'no-show' | 'cancelled',
    result?: { pace: Pace; startLevel: Level },
  ): Promise<void> {
    const rows: Array<{ id: string; client_id: string }> = await this.db.query(
      `INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, status, booked_by)
       SELECT s.id, client_id, 'initial', s.starts_at, s.ends_at, $3, $4
         FROM test_sessions s, unnest($2::uuid[]) AS client_id
        WHERE s.id = $1
       RETURNING id, client_id`,
      [sessionId, clientIds, status, this.userId],
    );
    if (!result) return;
    await this.db.query(
      `INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing,
                                 literacy, start_level, pace, recommendation, entered_by)
       SELECT id, client_id, $3, $3, $3, $3, 'literate-latin', $3, $4, 'Integration training', $5
         FROM unnest($1::uuid[], $2::uuid[]) AS b(id, client_id)`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.client_id),
        result.startLevel,
        result.pace,
        this.userId,
      ],
    );
  }

  async snapshot(fields: {
    day: string;
    regionId: string;
    pace: Pace;
    level: Level;
    length: number;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO queue_snapshots (day, target_language, pace, level, region_id, length)
       VALUES ($1, 'fi', $2, $3, $4, $5)`,
      [fields.day, fields.pace, fields.level, fields.regionId, fields.length],
    );
  }
}
