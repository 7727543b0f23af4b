/**
 * The payload of `course.cancelled`. The event carries the seats it cancelled, so the queue
 * service can return each client to the waiting list; no separate seat.released is sent
 * for them, since the places they free are on a course nobody can join any more.
 */
export interface CourseCancelledPayload {
  courseId: string;
  providerId: string;
  reason: string;
  /** Whether the course was cancelled before its first day (queue return policy). */
  beforeCourseStart: boolean;
  seats: Array<{ seatId: string; clientId: string }>;
}
