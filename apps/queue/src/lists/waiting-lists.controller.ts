import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  CurrentActor,
  InvalidInput,
  RequestWithActor,
  Roles,
  UuidParam,
} from '@kotoportti/platform';
import { RemoveEntryDto, SetPriorityDto } from '../entries/entry-actions.dto';
import { EntryActionsService } from '../entries/entry-actions.service';
import { QueueSnapshotsService } from '../snapshots/queue-snapshots.service';
import { SnapshotRangeDto } from './snapshot-query.dto';
import { EntriesQueryDto, WaitingListsQueryDto } from './waiting-list.dto';
import { WaitingListsService } from './waiting-lists.service';

@ApiTags('waiting lists')
@ApiBearerAuth()
@Controller('api/waiting-lists')
export class WaitingListsController {
  constructor(
    private readonly lists: WaitingListsService,
    private readonly actions: EntryActionsService,
    private readonly snapshots: QueueSnapshotsService,
  ) {}

  @Get()
  @Roles('official', 'analyst')
  @ApiOperation({
    summary: 'One row per (target language, pace, level, region): length, oldest date, waits',
  })
  overview(@Query() query: WaitingListsQueryDto) {
    return this.lists.overview(query);
  }

  @Get('entries')
  @Roles('official')
  @ApiOperation({ summary: 'Waiting clients in queue order, with position and days waited' })
  entries(
    @CurrentActor() actor: Actor,
    @Query() query: EntriesQueryDto,
    @Req() request: RequestWithActor,
  ) {
    return this.lists.entries(actor, query, request.requestId);
  }

  @Get('snapshots')
  @Roles('official', 'analyst')
  @ApiOperation({ summary: 'The daily queue figures between two days, for trends' })
  snapshotsBetween(@Query() query: SnapshotRangeDto) {
    if (query.to < query.from) throw InvalidInput.field('to', 'to must not be before from');
    return this.snapshots.between(query.from, query.to);
  }

  @Post('entries/:id/priority')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: 'Give or take away priority, with a reason; audited' })
  setPriority(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: SetPriorityDto,
    @Req() request: RequestWithActor,
  ) {
    return this.actions.setPriority(actor, id, body.priority, body.reason, request.requestId);
  }

  @Post('entries/:id/remove')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: 'Take the client out of the queue, with a reason; audited' })
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: RemoveEntryDto,
    @Req() request: RequestWithActor,
  ) {
    return this.actions.remove(actor, id, body.reason, request.requestId);
  }
}
