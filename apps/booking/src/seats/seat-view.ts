import type { SeatStatus } from '@kotoportti/model';

/** A seat as the API shows it after booking. */
export interface SeatView {
  id: string;
  courseId: string;
  clientId: string;
  status: SeatStatus;
  bookedBy: string;
  bookedAt: Date;
  levelOverrideReason: string | null;
  statusChangedAt: Date;
}
