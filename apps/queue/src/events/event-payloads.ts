import { isOneOf, LEVELS, PACES, TARGET_LANGUAGES } from '@kotoportti/model';
import type {
  ClientEventPayload,
  CourseCancelledEventPayload,
  ResultEventPayload,
  SeatEventPayload,
} from '@kotoportti/platform';

/**
 * Payloads come from another service through Redis: checked before use, so a malformed one
 * fails its job loudly (and is retried, then kept as failed) instead of corrupting a queue.
 */
class MalformedEvent extends Error {
  constructor(type: string, field: string) {
    super(`${type} event without a valid ${field}`);
    this.name = 'MalformedEvent';
  }
}

type Payload = Record<string, unknown>;

function text(type: string, payload: Payload, field: string): string {
  const value = payload[field];
  if (typeof value !== 'string' || value === '') throw new MalformedEvent(type, field);
  return value;
}

export function resultPayload(type: string, payload: Payload): ResultEventPayload {
  const { targetLanguage, pace, startLevel } = payload;
  if (!isOneOf(TARGET_LANGUAGES, targetLanguage)) throw new MalformedEvent(type, 'targetLanguage');
  if (!isOneOf(PACES, pace)) throw new MalformedEvent(type, 'pace');
  if (!isOneOf(LEVELS, startLevel)) throw new MalformedEvent(type, 'startLevel');
  const testedOn = text(type, payload, 'testedOn');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(testedOn)) throw new MalformedEvent(type, 'testedOn');
  return {
    resultId: text(type, payload, 'resultId'),
    bookingId: text(type, payload, 'bookingId'),
    clientId: text(type, payload, 'clientId'),
    officeId: text(type, payload, 'officeId'),
    version: Number(payload.version),
    targetLanguage,
    pace,
    startLevel,
    literacy: payload.literacy as ResultEventPayload['literacy'],
    enteredAt: text(type, payload, 'enteredAt'),
    testedOn,
  };
}

export function seatPayload(type: string, payload: Payload): SeatEventPayload {
  return {
    seatId: text(type, payload, 'seatId'),
    courseId: text(type, payload, 'courseId'),
    clientId: text(type, payload, 'clientId'),
    status: text(type, payload, 'status'),
  };
}

export function clientPayload(type: string, payload: Payload): ClientEventPayload {
  return { clientId: text(type, payload, 'clientId'), officeId: text(type, payload, 'officeId') };
}

export function courseCancelledPayload(
  type: string,
  payload: Payload,
): CourseCancelledEventPayload {
  const seats = payload.seats;
  if (!Array.isArray(seats)) throw new MalformedEvent(type, 'seats');
  return {
    courseId: text(type, payload, 'courseId'),
    providerId: text(type, payload, 'providerId'),
    reason: typeof payload.reason === 'string' ? payload.reason : '',
    beforeCourseStart: payload.beforeCourseStart === true,
    seats: seats.map((seat: Payload) => ({
      seatId: text(type, seat, 'seatId'),
      clientId: text(type, seat, 'clientId'),
    })),
  };
}
