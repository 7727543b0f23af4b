import { AuditEvent } from './audit-event.entity';
import { AuthToken } from './auth-token.entity';
import { Client } from './client.entity';
import { Consent } from './consent.entity';
import { ConsumedEvent } from './consumed-event.entity';
import { Course } from './course.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { Letter } from './letter.entity';
import { LetterBatch } from './letter-batch.entity';
import { Organisation } from './organisation.entity';
import { OutboxEvent } from './outbox-event.entity';
import { QueueSnapshot } from './queue-snapshot.entity';
import { Seat } from './seat.entity';
import { SeatOffer } from './seat-offer.entity';
import { SeatReport } from './seat-report.entity';
import { TestBooking } from './test-booking.entity';
import { TestResult } from './test-result.entity';
import { TestSession } from './test-session.entity';
import { TestSessionSeries } from './test-session-series.entity';
import { User } from './user.entity';
import { WaitingListEntry } from './waiting-list-entry.entity';

export {
  AuditEvent,
  AuthToken,
  Client,
  Consent,
  ConsumedEvent,
  Course,
  IdempotencyKey,
  Letter,
  LetterBatch,
  Organisation,
  OutboxEvent,
  QueueSnapshot,
  Seat,
  SeatOffer,
  SeatReport,
  TestBooking,
  TestResult,
  TestSession,
  TestSessionSeries,
  User,
  WaitingListEntry,
};
export type { SkillLevels } from './seat-report.entity';

/** Every entity, listed by class: the apps are bundled, so no path globs. */
export const ENTITIES = [
  Organisation,
  User,
  AuthToken,
  Client,
  Consent,
  TestSessionSeries,
  TestSession,
  TestBooking,
  TestResult,
  Course,
  Seat,
  SeatReport,
  WaitingListEntry,
  SeatOffer,
  QueueSnapshot,
  LetterBatch,
  Letter,
  AuditEvent,
  OutboxEvent,
  ConsumedEvent,
  IdempotencyKey,
];
