import { People1763900000000 } from './1763900000000-people';
import { Platform1763900001000 } from './1763900001000-platform';
import { TestBookings1763900002000 } from './1763900002000-test-bookings';
import { Courses1763900003000 } from './1763900003000-courses';
import { WaitingLists1763900004000 } from './1763900004000-waiting-lists';
import { Letters1763900005000 } from './1763900005000-letters';
import { QueueService1763900006000 } from './1763900006000-queue-service';
import { StatisticsIndexes1763900007000 } from './1763900007000-statistics-indexes';
import { ClientSearch1763900008000 } from './1763900008000-client-search';
import { WaitingEntryEndDay1763900009000 } from './1763900009000-waiting-entry-end-day';
import { SeatOutcomes1763900010000 } from './1763900010000-seat-outcomes';
import { LetterPdfStorage1763900011000 } from './1763900011000-letter-pdf-storage';
import { IdentityCodeCenturySigns1763900012000 } from './1763900012000-identity-code-century-signs';
import { SeatStatusMoves1763900013000 } from './1763900013000-seat-status-moves';

/** In the order they apply. Classes, not globs: the apps are bundled with webpack. */
export const MIGRATIONS = [
  People1763900000000,
  Platform1763900001000,
  TestBookings1763900002000,
  Courses1763900003000,
  WaitingLists1763900004000,
  Letters1763900005000,
  QueueService1763900006000,
  StatisticsIndexes1763900007000,
  ClientSearch1763900008000,
  WaitingEntryEndDay1763900009000,
  SeatOutcomes1763900010000,
  LetterPdfStorage1763900011000,
  IdentityCodeCenturySigns1763900012000,
  SeatStatusMoves1763900013000,
];
