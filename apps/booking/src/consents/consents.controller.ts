import { Body, Controller, Delete, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { ConsentView, GiveConsentDto, WithdrawnConsentView } from './consent.dto';
import { ConsentsService } from './consents.service';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('official')
@Controller('api/clients/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @ApiCreatedResponse({ type: ConsentView })
  @ApiErrors({ notFound: 'Client', conflicts: ['consent-already-given'] })
  give(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @Body() body: GiveConsentDto,
    @Req() request: RequestWithActor,
  ) {
    return this.consents.give(actor, clientId, body, request.requestId);
  }

  @Delete()
  @ApiOkResponse({
    type: WithdrawnConsentView,
    description: 'Withdrawn; test bookings not yet begun are cancelled',
  })
  @ApiErrors({ notFound: 'Client', conflicts: ['consent-missing'] })
  withdraw(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @Req() request: RequestWithActor,
  ) {
    return this.consents.withdraw(actor, clientId, request.requestId);
  }

  @Get()
  @ApiOkResponse({ type: [ConsentView], description: 'Newest first, withdrawn ones included' })
  @ApiErrors({ notFound: 'Client' })
  history(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @Req() request: RequestWithActor,
  ) {
    return this.consents.history(actor, clientId, request.requestId);
  }
}
