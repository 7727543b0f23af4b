import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, RequestWithActor, Roles } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { respond } from './statistics-response';
import {
  CoursesQueryDto,
  QueuesQueryDto,
  RecommendationsQueryDto,
  TestsQueryDto,
  WaitingTimesQueryDto,
} from './statistics-query.dto';
import { StatisticsService } from './statistics.service';

const SCOPE =
  'Analysts see every region; officials see their own office (queues: their own region). ' +
  'Counts of 1–4 people, and cells that would let them be worked out, are "<5".';

/** SPEC §3.9 and §4: aggregates only, JSON or CSV, for analysts and officials. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('api/statistics')
@Roles('analyst', 'official')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('queues')
  @ApiOperation({
    summary: 'Queue lengths by target language, pace, level and region: on `to`, and per day',
    description: `Tables: now (from the waiting-list entries), series (from the daily queue snapshots). ${SCOPE}`,
  })
  @ApiOkResponse({ description: 'JSON tables, or one table as CSV (`table=now|series`)' })
  @ApiErrors({ notFound: 'Office or region' })
  async queues(
    @CurrentActor() actor: Actor,
    @Query() query: QueuesQueryDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(await this.statistics.queues(actor, query, request.requestId), query, response);
  }

  @Get('waiting-times')
  @ApiOperation({
    summary:
      'Per month of queue entry: median and 90th percentile days to seat booked and to course start',
    description: `Clients still waiting are censored: counted, with their wait so far in columns of their own. Share placed within each target (default 30 and 90 days). ${SCOPE}`,
  })
  @ApiErrors({ notFound: 'Office or region' })
  async waitingTimes(
    @CurrentActor() actor: Actor,
    @Query() query: WaitingTimesQueryDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.statistics.waitingTimes(actor, query, request.requestId);
    return respond(report, query, response);
  }

  @Get('recommendations')
  @ApiOperation({
    summary: 'Results by pace and start level, per month and test centre',
    description: SCOPE,
  })
  @ApiErrors({ notFound: 'Office or region' })
  async recommendations(
    @CurrentActor() actor: Actor,
    @Query() query: RecommendationsQueryDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.statistics.recommendations(actor, query, request.requestId);
    return respond(report, query, response);
  }

  @Get('tests')
  @ApiOperation({
    summary:
      'Sessions held, places offered and booked, attendance and no-show rate, per centre and month',
    description: SCOPE,
  })
  @ApiErrors({ notFound: 'Office or region' })
  async tests(
    @CurrentActor() actor: Actor,
    @Query() query: TestsQueryDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(await this.statistics.tests(actor, query, request.requestId), query, response);
  }

  @Get('courses')
  @ApiOperation({
    summary:
      'Seats offered and taken, fill rate, starts, dropouts by reason, completions, levels reached, follow-up outcomes',
    description: `Per provider, pace and month the course starts. ${SCOPE}`,
  })
  @ApiErrors({ notFound: 'Office or region' })
  async courses(
    @CurrentActor() actor: Actor,
    @Query() query: CoursesQueryDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(await this.statistics.courses(actor, query, request.requestId), query, response);
  }
}
