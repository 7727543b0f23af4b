import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { AttendanceService } from './attendance.service';
import { RebookingService } from './rebooking.service';
import { AttendanceDto, CancelTestBookingDto, RebookTestBookingDto } from './test-booking.dto';
import { TestBookingView } from './test-booking.view';
import { TestBookingsService } from './test-bookings.service';

@ApiTags('test bookings')
@ApiBearerAuth()
@Controller('api/test-bookings')
export class TestBookingsController {
  constructor(
    private readonly bookings: TestBookingsService,
    private readonly attendance: AttendanceService,
    private readonly rebooking: RebookingService,
  ) {}

  @Get(':id')
  @Roles('official', 'tester')
  @ApiOkResponse({ type: TestBookingView })
  @ApiErrors({ notFound: 'Test booking' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string, @Req() request: RequestWithActor) {
    return this.bookings.get(actor, id, request.requestId);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('official', 'tester')
  @ApiOkResponse({ type: TestBookingView, description: 'Cancelled; the place is free at once' })
  @ApiErrors({ notFound: 'Test booking', conflicts: ['booking-not-active', 'session-in-past'] })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CancelTestBookingDto,
    @Req() request: RequestWithActor,
  ) {
    return this.bookings.cancel(actor, id, body.reason, request.requestId);
  }

  @Post(':id/rebook')
  @Roles('official')
  @ApiCreatedResponse({
    type: TestBookingView,
    description: 'The new booking; the old one is cancelled in the same transaction',
  })
  @ApiErrors({
    notFound: 'Test booking or test session',
    conflicts: [
      'booking-not-active',
      'same-session',
      'kind-mismatch',
      'consent-missing',
      'session-full',
      'session-in-past',
      'session-cancelled',
      'booking-overlaps',
    ],
  })
  rebook(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: RebookTestBookingDto,
    @Req() request: RequestWithActor,
  ) {
    return this.rebooking.rebook(actor, id, body.sessionId, request.requestId);
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('tester')
  @ApiOkResponse({ type: TestBookingView })
  @ApiErrors({
    notFound: 'Test booking',
    conflicts: ['booking-cancelled', 'session-not-started', 'result-exists'],
  })
  markAttendance(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: AttendanceDto,
    @Req() request: RequestWithActor,
  ) {
    return this.attendance.mark(actor, id, body.attended, request.requestId);
  }
}
