import type { OfficeLanguage, Pace, TargetLanguage, TestKind } from '@kotoportti/model';

/** The office that sends the letter; printed in the letterhead and the contact rows. */
export interface LetterOffice {
  name: string;
  language: OfficeLanguage;
  phone: string | null;
  email: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface LetterClient {
  id: string;
  firstName: string;
  lastName: string;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface TestInvitationFacts {
  kind: 'test-invitation';
  bookingId: string;
  testKind: TestKind;
  targetLanguage: TargetLanguage;
  startsAt: Date;
  endsAt: Date;
  testCentre: string;
  location: string;
  address: string;
  /** The booking's interpreter, else the client's; null when none is booked. */
  interpreterLanguage: string | null;
}

export interface CoursePlaceFacts {
  kind: 'course-place';
  seatId: string;
  courseName: string;
  provider: string;
  targetLanguage: TargetLanguage;
  pace: Pace;
  /** Calendar days, 'YYYY-MM-DD'. */
  startsOn: string;
  endsOn: string;
  schedule: string;
  location: string;
  address: string;
  childcare: boolean;
  evening: boolean;
  /** The client's interpreter language; null when none is recorded. */
  interpreterLanguage: string | null;
}

export interface WaitingListFacts {
  kind: 'waiting-list';
  entryId: string;
  targetLanguage: TargetLanguage;
  pace: Pace;
  startLevel: string;
  /** 'YYYY-MM-DD'. */
  waitingSince: string;
  /** The client's interpreter language; null when none is recorded. */
  interpreterLanguage: string | null;
}

export type LetterFacts = TestInvitationFacts | CoursePlaceFacts | WaitingListFacts;

/** Everything one letter prints. Text typed by people arrives raw and is escaped by the templates. */
export interface LetterData {
  /** Printed as the reference, so a paper letter can be found again. */
  letterId: string;
  /** The client's language; the office's language comes from the office. */
  language: string;
  printedAt: Date;
  office: LetterOffice;
  client: LetterClient;
  facts: LetterFacts;
}
