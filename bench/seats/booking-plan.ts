import type { Seeded } from './seed';

export interface PlannedBooking {
  courseId: string;
  clientId: string;
  /** The bearer token of an official of the client's office; unused by the pg runs. */
  token: string;
  /** The user id behind the token, for the straight-SQL run that has no token. */
  officialIndex: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The k-th booking seats client k mod C on course k mod K. With C and K coprime no
 * (client, course) pair repeats before C·K bookings (Chinese remainder theorem), and every
 * course fills at the same pace: each booking is one the rules allow, so the benchmark
 * measures successful bookings rather than refusals.
 */
export class BookingPlan {
  private next = 0;

  constructor(
    private readonly seeded: Seeded,
    private readonly tokens: string[],
  ) {
    const clients = seeded.clientIds.length;
    const courses = seeded.courseIds.length;
    if (gcd(clients, courses) !== 1) {
      throw new Error(`clients (${clients}) and courses (${courses}) must be coprime`);
    }
  }

  take(): PlannedBooking {
    const k = this.next++;
    const client = k % this.seeded.clientIds.length;
    const officialIndex = client % this.seeded.officialUsernames.length;
    return {
      courseId: this.seeded.courseIds[k % this.seeded.courseIds.length],
      clientId: this.seeded.clientIds[client],
      token: this.tokens[officialIndex] ?? '',
      officialIndex,
    };
  }
}
