/**
 * The baseline: the booking transaction of TestBookingsService.book issued straight through
 * `pg`, with no HTTP, Nest or TypeORM: the same statements (imported from the app, prepared
 * under the same names), the same checks in JavaScript, and the audit row AuditService writes.
 * argv: databaseUrl userId officeId pairsFile durationMs connections poolSize label
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { BOOKING_CONTEXT, TAKE_PLACE } from '../../apps/booking/src/test-bookings/booking-sql';
import type { Pair } from './config';
import { drive, Outcome } from './drive';

const [databaseUrl, userId, officeId, pairsFile, durationMs, connections, poolSize, label] =
  process.argv.slice(2);
const pairs = JSON.parse(readFileSync(pairsFile, 'utf8')) as Pair[];
const pool = new Pool({ connectionString: databaseUrl, max: Number(poolSize) });

const AUDIT_SQL = `INSERT INTO audit_events
    (actor_user_id, actor_role, organisation_id, action, entity_type, entity_id, client_id, request_id, details)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

interface Context {
  has_consent: boolean;
  session_id: string | null;
  session_status: string;
  started: boolean;
  already_booked: boolean;
  client_interpreter_language: string | null;
}

async function bookOne([sessionId, clientId]: Pair): Promise<Outcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const context = (
      await client.query<Context>({ ...BOOKING_CONTEXT, values: [clientId, sessionId, officeId] })
    ).rows[0];
    const refusal = !context
      ? '404 client'
      : !context.session_id
        ? '404 session'
        : !context.has_consent
          ? '409 consent-missing'
          : context.session_status === 'cancelled'
            ? '409 session-cancelled'
            : context.started
              ? '409 session-in-past'
              : context.already_booked
                ? '409 already-booked'
                : undefined;
    if (refusal) {
      await client.query('ROLLBACK');
      return refusal;
    }
    const taken = await client.query<{ id: string }>({
      ...TAKE_PLACE,
      values: [sessionId, clientId, context.client_interpreter_language, userId, null],
    });
    if (taken.rows.length === 0) {
      await client.query('ROLLBACK');
      return '409 session-full';
    }
    await client.query(AUDIT_SQL, [
      userId,
      'official',
      officeId,
      'test-booking.create',
      'test-booking',
      taken.rows[0].id,
      clientId,
      null,
      { sessionId },
    ]);
    await client.query('COMMIT');
    return 'booked';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    return `error ${(error as { code?: string }).code ?? (error as Error).message}`;
  } finally {
    client.release();
  }
}

/** Opens every connection before the clock starts, as the app's pool is open before its run. */
async function openPool(): Promise<void> {
  const clients = await Promise.all(Array.from({ length: Number(poolSize) }, () => pool.connect()));
  for (const client of clients) client.release();
}

void openPool()
  .then(() => drive(label, pairs, Number(durationMs), Number(connections), bookOne))
  .then(async (report) => {
    await pool.end();
    console.log(JSON.stringify(report));
  });
