import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { TestBookingView } from './test-booking.view';
import { TestBookingsService } from './test-bookings.service';

@ApiTags('test bookings')
@ApiBearerAuth()
@Roles('official')
@Controller('api/clients/:id/test-bookings')
export class ClientBookingsController {
  constructor(private readonly bookings: TestBookingsService) {}

  @Get()
  @ApiOkResponse({
    type: [TestBookingView],
    description: 'Newest first, cancelled ones with the reason (also a cancelled session’s)',
  })
  @ApiErrors({ notFound: 'Client', noInput: true })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @Req() request: RequestWithActor,
  ) {
    return this.bookings.forClient(actor, clientId, request.requestId);
  }
}
