import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { ClientPathService } from './client-path.service';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('official')
@Controller('api/clients')
export class ClientPathController {
  constructor(private readonly paths: ClientPathService) {}

  @Get(':id/path')
  @ApiOperation({
    summary:
      'The client’s whole path: consents, tests and results, queue entries, seats and every report with who sent it and when',
  })
  @ApiErrors({ notFound: 'Client' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string, @Req() request: RequestWithActor) {
    return this.paths.get(actor, id, request.requestId);
  }
}
