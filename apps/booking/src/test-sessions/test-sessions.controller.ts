import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from './api-errors';
import {
  CancelTestSessionDto,
  CreateTestSessionDto,
  ListTestSessionsDto,
} from './test-session.dto';
import { TestSessionSeriesView, TestSessionView } from './test-session.view';
import { TestSessionsService } from './test-sessions.service';

@ApiTags('test sessions')
@ApiBearerAuth()
@ApiExtraModels(TestSessionView, TestSessionSeriesView)
@Controller('api/test-sessions')
export class TestSessionsController {
  constructor(private readonly sessions: TestSessionsService) {}

  @Post()
  @Roles('tester')
  @ApiCreatedResponse({
    description: 'One session, or with `repeat` the series and one session per week',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(TestSessionView) },
        { $ref: getSchemaPath(TestSessionSeriesView) },
      ],
    },
  })
  @ApiErrors({ conflicts: ['room-occupied'] })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateTestSessionDto,
    @Req() request: RequestWithActor,
  ) {
    return this.sessions.create(actor, body, request.requestId);
  }

  @Get()
  @Roles('official', 'tester')
  @ApiOkResponse({ type: [TestSessionView] })
  @ApiErrors()
  list(@CurrentActor() actor: Actor, @Query() query: ListTestSessionsDto) {
    return this.sessions.list(actor, query);
  }

  @Get(':id')
  @Roles('official', 'tester')
  @ApiOkResponse({ type: TestSessionView })
  @ApiErrors({ notFound: 'Test session' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.sessions.get(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('tester')
  @ApiOkResponse({ type: TestSessionView, description: 'Its active bookings are cancelled too' })
  @ApiErrors({ notFound: 'Test session', conflicts: ['session-cancelled', 'session-in-past'] })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CancelTestSessionDto,
    @Req() request: RequestWithActor,
  ) {
    return this.sessions.cancel(actor, id, body.reason, request.requestId);
  }
}
