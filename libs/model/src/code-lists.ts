/**
 * The code lists of SPEC §2 and the model's own state lists. The migration builds every
 * CHECK constraint from these arrays (see sqlInList), so the database and the TypeScript
 * unions cannot drift apart.
 */

export const TARGET_LANGUAGES = ['fi', 'sv'] as const;
export type TargetLanguage = (typeof TARGET_LANGUAGES)[number];

/** The Finnish scale of developing language proficiency, lowest first: order matters. */
export const LEVELS = [
  'below-A1.1',
  'A1.1',
  'A1.2',
  'A1.3',
  'A2.1',
  'A2.2',
  'B1.1',
  'B1.2',
  'B2.1',
  'B2.2',
  'C1.1',
  'C1.2',
  'C2.1',
  'C2.2',
] as const;
export type Level = (typeof LEVELS)[number];

/** 0 for below-A1.1 up to 13 for C2.2; compare ranks, never the codes as strings. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export const SKILLS = ['listening', 'speaking', 'reading', 'writing'] as const;
export type Skill = (typeof SKILLS)[number];

export const LITERACY = ['not-literate', 'weak', 'literate-non-latin', 'literate-latin'] as const;
export type Literacy = (typeof LITERACY)[number];

export const PACES = ['fast', 'basic', 'slow', 'literacy'] as const;
export type Pace = (typeof PACES)[number];

export const TEST_KINDS = ['initial', 'literacy', 'retest'] as const;
export type TestKind = (typeof TEST_KINDS)[number];

export const TEST_SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type TestSessionStatus = (typeof TEST_SESSION_STATUSES)[number];

export const TEST_BOOKING_STATUSES = ['booked', 'attended', 'no-show', 'cancelled'] as const;
export type TestBookingStatus = (typeof TEST_BOOKING_STATUSES)[number];

export const COURSE_STATUSES = ['published', 'cancelled'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const SEAT_STATUSES = [
  'reserved',
  'started',
  'completed',
  'dropped-out',
  'cancelled',
  'no-show',
] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

/** The moves SPEC §2 allows; anything else is a wrong state. */
export const SEAT_TRANSITIONS: Readonly<Record<SeatStatus, readonly SeatStatus[]>> = {
  reserved: ['started', 'cancelled', 'no-show'],
  started: ['completed', 'dropped-out'],
  completed: [],
  'dropped-out': [],
  cancelled: [],
  'no-show': [],
};

/** A seat in these states never took part, so the client may be seated on the course again. */
export const SEAT_STATUSES_NEVER_TAKEN = ['cancelled', 'no-show'] as const satisfies SeatStatus[];

export const SEAT_REPORT_KINDS = [
  'start',
  'dropout',
  'completion',
  'follow-up',
  'cancel',
  'no-show',
] as const;
export type SeatReportKind = (typeof SEAT_REPORT_KINDS)[number];

export const FOLLOW_UP_OUTCOMES = [
  'employment',
  'vocational-training',
  'further-language-training',
  'other-studies',
  'work-trial',
  'wage-subsidy',
  'entrepreneurship',
  'rehabilitative-work-activity',
  'health-reasons',
  'family-leave',
  'moved-away',
  'military-or-civil-service',
  'other',
  'unknown',
] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export const DROPOUT_REASONS = [
  'employment',
  'other-training',
  'health',
  'family-reasons',
  'moved-away',
  'lack-of-attendance',
  'level-mismatch',
  'other',
] as const;
export type DropoutReason = (typeof DROPOUT_REASONS)[number];

export const WAITING_LIST_STATUSES = ['waiting', 'placed', 'removed'] as const;
export type WaitingListStatus = (typeof WAITING_LIST_STATUSES)[number];

export const SEAT_OFFER_STATUSES = ['open', 'accepted', 'declined', 'expired'] as const;
export type SeatOfferStatus = (typeof SEAT_OFFER_STATUSES)[number];

export const ORGANISATION_KINDS = [
  'employment-office',
  'test-centre',
  'course-provider',
  'region',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ['official', 'tester', 'provider', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one organisation and so must belong to one (SPEC §1). */
export const ORGANISATION_BOUND_ROLES = [
  'official',
  'tester',
  'provider',
] as const satisfies Role[];

export const AUTH_TOKEN_KINDS = ['api', 'web'] as const;
export type AuthTokenKind = (typeof AUTH_TOKEN_KINDS)[number];

export const UI_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const CONSENT_METHODS = ['written', 'oral', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const LETTER_KINDS = ['test-invitation', 'course-place', 'waiting-list'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_BATCH_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type LetterBatchStatus = (typeof LETTER_BATCH_STATUSES)[number];

/** An office writes its letters in Finnish or Swedish; the client's block comes beside it. */
export const OFFICE_LANGUAGES = ['fi', 'sv'] as const;
export type OfficeLanguage = (typeof OFFICE_LANGUAGES)[number];

/**
 * The letter languages shipped with the templates. Only a default: the database checks
 * the code's shape alone, because adding a language must be just adding a translation file.
 */
export const DEFAULT_LETTER_LANGUAGES = [
  'fi',
  'sv',
  'en',
  'ru',
  'et',
  'fr',
  'es',
  'ar',
  'so',
  'fa',
  'th',
  'zh',
  'uk',
  'ti',
  'ckb',
  'prs',
] as const;
/** An ISO 639-1 or 639-3 code; not a union, since the list is data. */
export type LanguageCode = string;
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}$/;
/** The same pattern for PostgreSQL's `~` operator. */
export const LANGUAGE_CODE_SQL_PATTERN = '^[a-z]{2,3}$';

export const IDEMPOTENCY_STATES = ['in-progress', 'completed'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/** Narrows an unknown value (a query parameter, a row from raw SQL) to one of a list. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * `'a','b'` for `CHECK (x IN (…))`. Codes are ours, but quotes are still doubled so that
 * a future code with an apostrophe cannot break the SQL.
 */
export function sqlInList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('sqlInList needs at least one value');
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',');
}

/** `ARRAY['a','b']::text[]`, for ordered lists such as LEVELS in `array_position`. */
export function sqlTextArray(values: readonly string[]): string {
  return `ARRAY[${sqlInList(values)}]::text[]`;
}
