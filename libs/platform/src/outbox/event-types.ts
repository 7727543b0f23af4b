import type { Level, Literacy, Pace, TargetLanguage } from '@kotoportti/model';

/**
 * Every domain event type and its payload, in one place. Producers write them to the outbox
 * inside their transaction; the queue service consumes them. Payloads carry ids and codes,
 * never names or identity codes.
 */
export const EVENT_TYPES = {
  consentWithdrawn: 'consent.withdrawn',
  clientMoved: 'client.moved',
  testSessionCancelled: 'test-session.cancelled',
  testBookingCancelled: 'test-booking.cancelled',
  resultRecorded: 'test-result.recorded',
  resultCorrected: 'test-result.corrected',
  courseCancelled: 'course.cancelled',
  seatBooked: 'seat.booked',
  seatReleased: 'seat.released',
  seatReported: 'seat.reported',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export interface ResultEventPayload {
  resultId: string;
  bookingId: string;
  clientId: string;
  officeId: string;
  version: number;
  targetLanguage: TargetLanguage;
  pace: Pace;
  startLevel: Level;
  literacy: Literacy;
  /** When the tester entered it: the tie-break of queue order. */
  enteredAt: string;
  /** The day of the test: the day the wait for training begins. */
  testedOn: string;
}

export interface SeatEventPayload {
  seatId: string;
  courseId: string;
  clientId: string;
  status: string;
  /** Whether the course had started when the seat was released (queue return policy). */
  beforeCourseStart?: boolean;
  reason?: string;
}

export interface ClientEventPayload {
  clientId: string;
  officeId: string;
  previousOfficeId?: string;
}

/** course.cancelled: the reserved seats it cancelled, so each client can return to the queue. */
export interface CourseCancelledEventPayload {
  courseId: string;
  providerId: string;
  reason: string;
  beforeCourseStart: boolean;
  seats: Array<{ seatId: string; clientId: string }>;
}
