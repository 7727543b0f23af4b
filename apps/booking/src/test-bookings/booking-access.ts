import type { TargetLanguage, TestBookingStatus, TestKind } from '@kotoportti/model';
import { Actor, NotFound } from '@kotoportti/platform';
import type { EntityManager } from 'typeorm';
import { activeConsentSql, lockActiveConsent } from '../consents/active-consent';

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
  /** The session is over: with the booking still `booked`, nobody marked attendance. */
  ended: boolean;
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
 * the booking row is locked for the transaction: only through lockedBooking, which takes
 * the locks that come before it.
 */
export async function visibleBooking(
  manager: EntityManager,
  actor: Actor,
  id: string,
  lock = false,
): Promise<BookingFacts> {
  const rows: BookingFacts[] = await manager.query(
    `SELECT b.id, b.session_id, b.client_id, b.kind, b.status, b.interpreter_language, b.starts_at,
            b.starts_at <= now() AS started, b.ends_at <= now() AS ended,
            s.test_centre_id, s.target_language, c.office_id,
            ${activeConsentSql('b.client_id')} AS has_consent
       FROM test_bookings b
       JOIN test_sessions s ON s.id = b.session_id
       JOIN clients c ON c.id = b.client_id
      WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
    [id],
  );
  const booking = rows[0];
  if (!booking || !maySee(actor, booking)) throw new NotFound('Test booking');
  return booking;
}

/** A booking locked for a change, and whether the client's consent is on record. */
export interface LockedBooking {
  booking: BookingFacts;
  hasConsent: boolean;
}

/**
 * The booking if the actor may see it (404 exactly as visibleBooking), locked for a change
 * in the one order every path that changes bookings takes its locks: the client's consent
 * (shared), then session rows in id order, then the booking. A session cancellation (its
 * row, then its bookings), a consent withdrawal (the consent, then its sessions, then its
 * bookings) and a booking (the consent, then the session) therefore wait for each other and
 * never deadlock. The consent stays on record until commit, so a withdrawal cannot slip in
 * between the check and the write; a tester sees 404 once one has committed, as if the
 * booking were not there. `sessionIds` names the sessions to lock: the booking's own by
 * default, none where only the booking changes. A booking never moves to another session.
 */
export async function lockedBooking(
  manager: EntityManager,
  actor: Actor,
  id: string,
  sessionIds: (seen: BookingFacts) => string[] = (seen) => [seen.session_id],
): Promise<LockedBooking> {
  const seen = await visibleBooking(manager, actor, id);
  const hasConsent = await lockActiveConsent(manager, seen.client_id);
  await lockSessions(manager, sessionIds(seen));
  const booking = await visibleBooking(manager, actor, id, true);
  return { booking, hasConsent };
}

/** Locks session rows in id order, so that two transactions locking several cannot deadlock. */
export async function lockSessions(manager: EntityManager, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await manager.query(
    `SELECT id FROM test_sessions WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [sessionIds],
  );
}
