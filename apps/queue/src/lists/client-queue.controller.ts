import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { WaitingListsService } from './waiting-lists.service';

@ApiTags('waiting lists')
@ApiBearerAuth()
@Roles('official')
@Controller('api/clients')
export class ClientQueueController {
  constructor(private readonly lists: WaitingListsService) {}

  @Get(':id/queue-position')
  @ApiOperation({ summary: "The client's queue, place, days waited and any open seat offer" })
  position(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: RequestWithActor,
  ) {
    return this.lists.position(actor, id, request.requestId);
  }
}
