/**
 * Names of the constraints and unique indexes that stand for a business rule. Services map
 * a violation of one of these to a domain error (e.g. `session-full`, `already-booked`)
 * instead of guessing from the message; the migrations create them under these names.
 */
export const CONSTRAINTS = {
  usernameUnique: 'users_username_unique',
  personalIdentityCodeUnique: 'clients_personal_identity_code_unique',
  oneActiveConsentPerClient: 'consents_one_active_per_client',
  sessionNoOverlapInRoom: 'test_sessions_no_overlap_in_room',
  sessionBookedWithinCapacity: 'test_sessions_booked_within_capacity',
  oneActiveTestBookingPerKind: 'test_bookings_one_active_per_kind',
  testBookingsNoOverlap: 'test_bookings_no_overlap',
  testBookingRebookedOnce: 'test_bookings_rebooked_once',
  oneCurrentResultPerBooking: 'test_results_one_current',
  resultVersionUnique: 'test_results_version_unique',
  courseSeatsTakenWithinSeats: 'courses_seats_taken_within_seats',
  courseLevelRangeInOrder: 'courses_level_range_in_order',
  oneSeatPerClientAndCourse: 'seats_one_per_client_and_course',
  /** A trigger, not a constraint: a seat's status only moves as SEAT_TRANSITIONS allows. */
  seatStatusMoves: 'seats_status_moves',
  oneWaitingEntryPerClient: 'waiting_list_entries_one_waiting_per_client',
  oneOpenOfferPerClientAndCourse: 'seat_offers_one_open_per_client_and_course',
  oneOpenOfferPerClient: 'seat_offers_one_open_per_client',
  queueSnapshotUnique: 'queue_snapshots_unique',
  letterOncePerBatch: 'letters_once_per_batch',
  consumedEventOnce: 'consumed_events_pkey',
  idempotencyKeyOnce: 'idempotency_keys_pkey',
} as const;
export type ConstraintName = (typeof CONSTRAINTS)[keyof typeof CONSTRAINTS];

/**
 * The identity code with its century sign in the one spelling per century: since 2023
 * Y, X, W, V and U mean what '-' means and B–F what 'A' means, so 131052-308T and
 * 131052Y308T are one person. personalIdentityCodeUnique is a unique index on this
 * expression; a query that compares codes through it (of a column or of a `:parameter`)
 * finds both spellings and, spelled exactly so, reads that index.
 */
export function canonicalIdentityCode(expression: string): string {
  return `translate(${expression}, 'YXWVUBCDEF', '-----AAAAA')`;
}

/** PostgreSQL SQLSTATEs of the violations the model relies on. */
export const PG_ERRORS = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  notNullViolation: '23502',
} as const;

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
}

/**
 * The name of the constraint a failed query violated, or undefined. Works on TypeORM's
 * QueryFailedError (which copies the pg fields onto itself) and on a raw pg error.
 */
export function violatedConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as PgErrorFields;
  return typeof fields.constraint === 'string' ? fields.constraint : undefined;
}

/** The SQLSTATE of a failed query, or undefined for anything that is not a database error. */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as PgErrorFields;
  return typeof fields.code === 'string' ? fields.code : undefined;
}
