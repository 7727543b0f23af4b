import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { CreateTestBookingDto } from './test-booking.dto';
import { TestBookingView } from './test-booking.view';
import { TestBookingsService } from './test-bookings.service';

@ApiTags('test bookings')
@ApiBearerAuth()
@Controller('api/test-sessions/:id/bookings')
export class SessionBookingsController {
  constructor(private readonly bookings: TestBookingsService) {}

  @Post()
  @Roles('official')
  @ApiCreatedResponse({ type: TestBookingView })
  @ApiErrors({
    notFound: 'Client or test session',
    conflicts: [
      'consent-missing',
      'already-booked',
      'session-full',
      'session-in-past',
      'session-cancelled',
      'booking-overlaps',
    ],
  })
  book(
    @CurrentActor() actor: Actor,
    @UuidParam() sessionId: string,
    @Body() body: CreateTestBookingDto,
    @Req() request: RequestWithActor,
  ) {
    return this.bookings.book(actor, sessionId, body, request.requestId);
  }

  @Get()
  @Roles('official', 'tester')
  @ApiOkResponse({
    type: [TestBookingView],
    description: "Testers: only clients whose consent is on record; officials: own office's",
  })
  @ApiErrors({ notFound: 'Test session', noInput: true })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam() sessionId: string,
    @Req() request: RequestWithActor,
  ) {
    return this.bookings.forSession(actor, sessionId, request.requestId);
  }
}
