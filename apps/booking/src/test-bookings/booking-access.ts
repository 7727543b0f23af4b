import type { TargetLanguage, TestBookingStatus, TestKind } from '@kotoportti/model';
import { Actor, Conflict, NotFound } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';

/** A booking with what the access rules and the state rules need to know about it. */
export interface BookingFacts {
  id: string;
  session_id: string;
  client_id: string;
  kind: TestKind;
  status: TestBookingStatus;
  interpreter_language: string | null;
  starts_at: Date;
  started: boolean;
  test_centre_id: string;
  target_language: TargetLanguage;
  office_id: string;
  has_consent: boolean;
}

/**
 * SPEC §1: an official sees the bookings of the office's own clients (with or without
 * consent: results already entered stay with the office); a tester sees the bookings in
 * the centre's own sessions, and only while the client's consent is on record.
 */
export function maySee(actor: Actor, booking: BookingFacts): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'official':
      return booking.office_id === actor.organisationId;
    case 'tester':
      return booking.test_centre_id === actor.organisationId && booking.has_consent;
    case 'provider':
    case 'analyst':
      return false;
  }
}

/**
 * The booking if the actor may see it, else 404 exactly as for a missing one. With `lock`,
 * the booking row is locked for the transaction and the consent row shared-locked, so that
 * a consent withdrawal cannot slip in between the check and the write.
 */
export async function visibleBooking(
  manager: EntityManager,
  actor: Actor,
  id: string,
  lock = false,
): Promise<BookingFacts> {
  const rows: BookingFacts[] = await manager.query(
    `SELECT b.id, b.session_id, b.client_id, b.kind, b.status, b.interpreter_language, b.starts_at,
            b.starts_at <= now() AS started, s.test_centre_id, s.target_language, c.office_id,
            EXISTS (SELECT 1 FROM consents k
                     WHERE k.client_id = b.client_id AND k.withdrawn_at IS NULL) AS has_consent
       FROM test_bookings b
       JOIN test_sessions s ON s.id = b.session_id
       JOIN clients c ON c.id = b.client_id
      WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
    [id],
  );
  const booking = rows[0];
  if (!booking || !maySee(actor, booking)) throw new NotFound('Test booking');
  if (lock && actor.role === 'tester') await lockConsent(manager, booking.client_id, 'not-found');
  return booking;
}

/**
 * Shared-locks the client's active consent until commit: a withdrawal waits for us, and we
 * see a withdrawal that committed first. Without consent: 404 for a tester (the client is
 * no longer theirs to see), 409 consent-missing for an official booking a test.
 */
export async function lockConsent(
  manager: EntityManager,
  clientId: string,
  otherwise: 'not-found' | 'conflict',
): Promise<void> {
  const rows: unknown[] = await manager.query(
    `SELECT id FROM consents WHERE client_id = $1 AND withdrawn_at IS NULL FOR SHARE`,
    [clientId],
  );
  if (rows.length > 0) return;
  if (otherwise === 'not-found') throw new NotFound('Test booking');
  throw new Conflict('consent-missing', 'The client has no consent on record');
}
