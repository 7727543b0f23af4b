import { Module } from '@nestjs/common';
import { CourseParticipantsService } from './course-participants.service';
import { CourseSeatsController } from './course-seats.controller';
import { SeatBookingService } from './seat-booking.service';
import { SeatDetailsService } from './seat-details.service';
import { SeatReportsService } from './seat-reports.service';
import { SeatsController } from './seats.controller';

/** Officials book seats; providers report on them; both see a seat's whole story. */
@Module({
  controllers: [CourseSeatsController, SeatsController],
  providers: [
    SeatBookingService,
    SeatReportsService,
    SeatDetailsService,
    CourseParticipantsService,
  ],
  exports: [SeatBookingService, SeatReportsService, CourseParticipantsService, SeatDetailsService],
})
export class SeatsModule {}
