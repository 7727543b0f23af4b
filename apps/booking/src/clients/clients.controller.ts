import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { CreateClientDto, SearchClientsDto } from './client.dto';
import { ClientsService } from './clients.service';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('official')
@Controller('api/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @ApiCreatedResponse({ description: "The client, in the official's office" })
  @ApiErrors({ conflicts: ['identity-code-taken'] })
  register(
    @CurrentActor() actor: Actor,
    @Body() body: CreateClientDto,
    @Req() request: RequestWithActor,
  ) {
    return this.clients.register(actor, body, request.requestId);
  }

  @Get()
  @ApiOkResponse({ description: "Matching clients of the official's office (all, for admins)" })
  @ApiErrors()
  search(
    @CurrentActor() actor: Actor,
    @Query() query: SearchClientsDto,
    @Req() request: RequestWithActor,
  ) {
    return this.clients.search(actor, query, request.requestId);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The client' })
  @ApiErrors({ notFound: 'Client' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string, @Req() request: RequestWithActor) {
    return this.clients.get(actor, id, request.requestId);
  }
}
