import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool, type PoolClient } from 'pg';
import {
  BOOKING_FACTS,
  TAKE_PLACE_AND_SEAT,
  type BookingFacts,
} from '../../apps/booking/src/seats/booking-facts';
import type { BookingPlan, PlannedBooking } from './booking-plan';
import { percentile } from '../booking/config';
import type { Figures } from './figures';

/**
 * The transaction SeatBookingService runs, statement for statement and with the same SQL
 * (prepared under the same names), sent straight through pg without HTTP, Nest or TypeORM: the floor under what the API can
 * reach. The plan only asks for bookings the rules allow, so the checks are not repeated.
 */
async function bookSeat(
  db: PoolClient,
  booking: PlannedBooking,
  official: { userId: string; officeId: string },
): Promise<void> {
  const { clientId, courseId } = booking;
  await db.query('BEGIN');
  try {
    const facts = await db.query<BookingFacts>({ ...BOOKING_FACTS, values: [clientId, courseId] });
    if (facts.rows[0].officeId !== official.officeId || !facts.rows[0].consented) {
      throw new Error('refused');
    }
    const seatId = randomUUID();
    // AuditService.record and OutboxService.record, as they write.
    await db.query(
      `INSERT INTO audit_events
         (actor_user_id, actor_role, organisation_id, action, entity_type, entity_id, client_id, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        official.userId,
        'official',
        official.officeId,
        'seat.create',
        'seat',
        seatId,
        clientId,
        null,
        { courseId, levelOverride: false },
      ],
    );
    await db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      ['seat.booked', 'seat', seatId, { seatId, courseId, clientId, status: 'reserved' }],
    );
    const seat = await db.query({
      ...TAKE_PLACE_AND_SEAT,
      values: [seatId, courseId, clientId, official.userId, null],
    });
    if (seat.rowCount !== 1) throw new Error('course-full');
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** `connections` callers sharing a pool of `poolSize` connections, for `seconds`. */
export async function loadRawSql(
  url: string,
  plan: BookingPlan,
  officials: Array<{ userId: string; officeId: string }>,
  connections: number,
  poolSize: number,
  seconds: number,
): Promise<Figures> {
  const pool = new Pool({ connectionString: url, max: poolSize });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const booking = plan.take();
      const begun = performance.now();
      // Waiting for a pool connection counts, as it does for a request waiting in the app.
      const db = await pool.connect();
      try {
        await bookSeat(db, booking, officials[booking.officialIndex]);
        latencies.push(performance.now() - begun);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message;
        errors[code] = (errors[code] ?? 0) + 1;
      } finally {
        db.release();
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const failed = Object.values(errors).reduce((sum, n) => sum + n, 0);
  return {
    label:
      poolSize === connections
        ? `pg, ${connections} connections`
        : `pg, ${connections} callers on a pool of ${poolSize} (as the app)`,
    requests: latencies.length + failed,
    booked: latencies.length,
    seconds: elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
  };
}
