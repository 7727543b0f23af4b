import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { CourseParticipantsService } from './course-participants.service';
import { BookSeatDto } from './seat-booking.dto';
import { SeatBookingService } from './seat-booking.service';

@ApiTags('seats')
@ApiBearerAuth()
@Controller('api/courses')
export class CourseSeatsController {
  constructor(
    private readonly booking: SeatBookingService,
    private readonly participants: CourseParticipantsService,
  ) {}

  @Post(':id/seats')
  @Roles('official')
  @ApiOperation({ summary: 'Book a seat on the course for a client of the official’s office' })
  @ApiCreatedResponse({ description: 'The reserved seat; seat.booked is emitted' })
  @ApiErrors({
    notFound: 'Course, or client of your office,',
    conflicts: [
      'consent-missing',
      'course-full',
      'already-seated',
      'level-mismatch (unless levelOverrideReason is given)',
      'course-cancelled',
      'course-ended',
    ],
  })
  book(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: BookSeatDto,
    @Req() request: RequestWithActor,
  ) {
    return this.booking.book(actor, id, body, request.requestId);
  }

  @Get(':id/participants')
  @Roles('provider')
  @ApiOperation({
    summary: 'The clients holding a seat on the provider’s own course, with every report',
    description: 'Clients who withdrew consent to data exchange are left out.',
  })
  @ApiErrors({ notFound: 'Course' })
  participantsOf(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: RequestWithActor,
  ) {
    return this.participants.list(actor, id, request.requestId);
  }
}
