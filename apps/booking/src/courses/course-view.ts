import type { Course, CourseStatus, Level, Pace, TargetLanguage } from '@kotoportti/model';

/** A course as the API shows it: the row plus the seats still free. */
export interface CourseView {
  id: string;
  providerId: string;
  providerName?: string;
  regionId: string | null;
  name: string;
  targetLanguage: TargetLanguage;
  pace: Pace;
  minLevel: Level;
  maxLevel: Level;
  startsOn: string;
  endsOn: string;
  schedule: string;
  location: string;
  address: string;
  seats: number;
  seatsTaken: number;
  /** Zero for a cancelled course: nobody can take its seats. */
  seatsLeft: number;
  notes: string | null;
  childcare: boolean;
  evening: boolean;
  status: CourseStatus;
  cancelReason: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

export function toCourseView(course: Course): CourseView {
  return {
    id: course.id,
    providerId: course.providerId,
    providerName: course.provider?.name,
    regionId: course.regionId,
    name: course.name,
    targetLanguage: course.targetLanguage,
    pace: course.pace,
    minLevel: course.minLevel,
    maxLevel: course.maxLevel,
    startsOn: course.startsOn,
    endsOn: course.endsOn,
    schedule: course.schedule,
    location: course.location,
    address: course.address,
    seats: course.seats,
    seatsTaken: course.seatsTaken,
    seatsLeft: course.status === 'published' ? course.seats - course.seatsTaken : 0,
    notes: course.notes,
    childcare: course.childcare,
    evening: course.evening,
    status: course.status,
    cancelReason: course.cancelReason,
    cancelledAt: course.cancelledAt,
    createdAt: course.createdAt,
  };
}
