import { Module } from '@nestjs/common';
import { AttendanceService } from './attendance.service';
import { ClientBookingsController } from './client-bookings.controller';
import { RebookingService } from './rebooking.service';
import { SessionBookingsController } from './session-bookings.controller';
import { TestBookingsController } from './test-bookings.controller';
import { TestBookingsService } from './test-bookings.service';
import { TestResultsController } from './test-results.controller';
import { TestResultsService } from './test-results.service';

/** Officials book test times for their clients; testers mark attendance and enter results. */
@Module({
  controllers: [
    SessionBookingsController,
    TestBookingsController,
    ClientBookingsController,
    TestResultsController,
  ],
  providers: [TestBookingsService, RebookingService, AttendanceService, TestResultsService],
  exports: [TestBookingsService, AttendanceService, TestResultsService, RebookingService],
})
export class TestBookingsModule {}
