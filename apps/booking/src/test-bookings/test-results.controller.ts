import { Body, Controller, Get, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { RecordResultDto, TestResultView } from './test-result.dto';
import { TestResultsService } from './test-results.service';

@ApiTags('test results')
@ApiBearerAuth()
@Controller('api/test-bookings/:id')
export class TestResultsController {
  constructor(private readonly results: TestResultsService) {}

  @Put('result')
  @Roles('tester')
  @ApiCreatedResponse({ type: TestResultView, description: 'The first result (version 1)' })
  @ApiOkResponse({ type: TestResultView, description: 'A correction: a new version' })
  @ApiErrors({
    notFound: 'Test booking',
    conflicts: ['booking-cancelled', 'not-attended', 'session-not-started'],
  })
  async record(
    @CurrentActor() actor: Actor,
    @UuidParam() bookingId: string,
    @Body() body: RecordResultDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TestResultView> {
    const { result, corrected } = await this.results.record(
      actor,
      bookingId,
      body,
      request.requestId,
    );
    response.status(corrected ? 200 : 201);
    return result;
  }

  @Get('result')
  @Roles('official', 'tester')
  @ApiOkResponse({ type: TestResultView, description: 'The current version' })
  @ApiErrors({ notFound: 'Test booking or its result', noInput: true })
  current(
    @CurrentActor() actor: Actor,
    @UuidParam() bookingId: string,
    @Req() request: RequestWithActor,
  ) {
    return this.results.current(actor, bookingId, request.requestId);
  }

  @Get('results')
  @Roles('official', 'tester')
  @ApiOkResponse({ type: [TestResultView], description: 'Every version, newest first' })
  @ApiErrors({ notFound: 'Test booking', noInput: true })
  history(
    @CurrentActor() actor: Actor,
    @UuidParam() bookingId: string,
    @Req() request: RequestWithActor,
  ) {
    return this.results.history(actor, bookingId, request.requestId);
  }
}
