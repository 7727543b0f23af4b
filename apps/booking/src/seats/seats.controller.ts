import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { SeatDetailsService } from './seat-details.service';
import {
  CancelSeatDto,
  CompletionDto,
  DropoutDto,
  FollowUpDto,
  SeatReportDto,
} from './seat-report.dto';
import { SeatReportsService } from './seat-reports.service';

const REPORT_ERRORS = { notFound: 'Seat', conflicts: ['invalid-seat-state'] };

const REPORT_RULES =
  '404 also for a provider once the client has withdrawn consent to data exchange. ' +
  '400 also when date is in the future, before the course starts (a cancellation excepted), ' +
  'after the course ends (a start or no-show), before the seat started (a dropout or ' +
  'completion) or before the seat ended (a follow-up plan). 409 invalid-seat-state names the current state in ' +
  'details.currentState. Every report is stored with who sent it and when.';

/** Reports move a seat only as SEAT_TRANSITIONS allows; each answers 201 with the stored report. */
@ApiTags('seats')
@ApiBearerAuth()
@Controller('api/seats')
export class SeatsController {
  constructor(
    private readonly details: SeatDetailsService,
    private readonly reports: SeatReportsService,
  ) {}

  @Get(':id')
  @Roles('official', 'provider')
  @ApiOperation({
    summary: 'A seat with its course, client and every report: who sent it, when',
    description:
      'A provider sees it only while the client’s consent is on record (404 after a withdrawal); ' +
      'the client’s office always does.',
  })
  @ApiErrors({ notFound: 'Seat' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string, @Req() request: RequestWithActor) {
    return this.details.get(actor, id, request.requestId);
  }

  @Post(':id/cancel')
  @Roles('official', 'provider')
  @ApiOperation({
    summary: 'Cancel a reserved seat (the provider, or the office of the client); frees the place',
    description: REPORT_RULES,
  })
  @ApiCreatedResponse({ description: 'The report; seat.reported and seat.released are emitted' })
  @ApiErrors(REPORT_ERRORS)
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CancelSeatDto,
    @Req() request: RequestWithActor,
  ) {
    const input = { date: body.date, text: body.reason };
    return this.reports.report(actor, id, 'cancel', input, request.requestId);
  }

  @Post(':id/start')
  @Roles('provider')
  @ApiOperation({ summary: 'Report that the client started the course', description: REPORT_RULES })
  @ApiCreatedResponse({ description: 'The report; seat.reported is emitted' })
  @ApiErrors(REPORT_ERRORS)
  start(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: SeatReportDto,
    @Req() request: RequestWithActor,
  ) {
    return this.reports.report(actor, id, 'start', body, request.requestId);
  }

  @Post(':id/no-show')
  @Roles('provider')
  @ApiOperation({
    summary: 'Report that the client never came; frees the place',
    description: REPORT_RULES,
  })
  @ApiCreatedResponse({ description: 'The report; seat.reported and seat.released are emitted' })
  @ApiErrors(REPORT_ERRORS)
  noShow(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: SeatReportDto,
    @Req() request: RequestWithActor,
  ) {
    return this.reports.report(actor, id, 'no-show', body, request.requestId);
  }

  @Post(':id/dropout')
  @Roles('provider')
  @ApiOperation({
    summary: 'Report a dropout with its reason; frees the place',
    description: REPORT_RULES,
  })
  @ApiCreatedResponse({ description: 'The report; seat.reported and seat.released are emitted' })
  @ApiErrors(REPORT_ERRORS)
  dropout(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: DropoutDto,
    @Req() request: RequestWithActor,
  ) {
    const input = { date: body.date, dropoutReason: body.reason, text: body.text };
    return this.reports.report(actor, id, 'dropout', input, request.requestId);
  }

  @Post(':id/complete')
  @Roles('provider')
  @ApiOperation({
    summary: 'Report completion with the levels reached per skill',
    description: REPORT_RULES,
  })
  @ApiCreatedResponse({ description: 'The report; seat.reported is emitted' })
  @ApiErrors(REPORT_ERRORS)
  complete(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CompletionDto,
    @Req() request: RequestWithActor,
  ) {
    return this.reports.report(actor, id, 'complete', body, request.requestId);
  }

  @Post(':id/follow-up')
  @Roles('provider')
  @ApiOperation({
    summary: 'Report the follow-up plan after completion or dropout',
    description: REPORT_RULES,
  })
  @ApiCreatedResponse({ description: 'The report; seat.reported is emitted' })
  @ApiErrors(REPORT_ERRORS)
  followUp(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: FollowUpDto,
    @Req() request: RequestWithActor,
  ) {
    return this.reports.report(actor, id, 'follow-up', body, request.requestId);
  }
}
