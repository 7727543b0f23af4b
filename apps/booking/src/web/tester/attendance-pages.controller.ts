import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { AttendanceService } from '../../test-bookings/attendance.service';
import { TestBookingsService } from '../../test-bookings/test-bookings.service';
import { TestSessionsService } from '../../test-sessions/test-sessions.service';
import { formProblem } from '../form-errors';
import { noticeKey } from '../form-values';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';

/** A session's attendance list: who is booked, who came, whose result is still missing. */
@Roles('tester')
@WebController()
export class AttendancePagesController {
  constructor(
    private readonly sessions: TestSessionsService,
    private readonly bookings: TestBookingsService,
    private readonly attendance: AttendanceService,
  ) {}

  @Get('sessions/:id')
  async list(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query('notice') notice?: string,
  ) {
    renderPage(response, 'tester/session', {
      ...(await this.model(actor, id, request)),
      notice: noticeKey(notice),
    });
  }

  @Post('test-bookings/:id/attendance')
  async mark(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    try {
      await this.attendance.mark(actor, id, body.attended === 'true', request.requestId);
      response.redirect(303, `/sessions/${booking.sessionId}?notice=notices.attendanceMarked`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const model = await this.model(actor, booking.sessionId, request);
      renderPage(
        response,
        'tester/session',
        { ...model, formError: problem.formError },
        problem.status,
      );
    }
  }

  private async model(actor: Actor, sessionId: string, request: PageRequest) {
    const session = await this.sessions.get(actor, sessionId);
    const bookings = await this.bookings.forSession(actor, sessionId, request.requestId);
    const started = new Date(session.startsAt).getTime() <= Date.now();
    return {
      title: 'attendance.title',
      session,
      started,
      bookings: bookings
        .filter((booking) => booking.status !== 'cancelled')
        .map((booking) => ({
          ...booking,
          mayMark: started,
          mayEnterResult: booking.status === 'attended',
        })),
    };
  }
}
