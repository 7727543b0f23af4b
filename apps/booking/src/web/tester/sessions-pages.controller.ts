import { Body, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, isCalendarDate, Roles } from '@kotoportti/platform';
import { addDays, isoWeekday } from '../../test-sessions/helsinki-time';
import type { TestSessionView } from '../../test-sessions/test-session.view';
import { TestSessionsService } from '../../test-sessions/test-sessions.service';
import { formProblem } from '../form-errors';
import { noticeKey } from '../form-values';
import { dayForForm, helsinkiToday } from '../formats';
import { groupByDay } from '../group-by-day';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { readSessionForm, SESSION_FIELD_OF } from './session-form';

/** Four weeks at a time, as a planner looks at a centre's calendar. */
const WEEKS_SHOWN = 4;

/** The test centre's calendar of sessions, and publishing single or weekly sessions. */
@Roles('tester')
@WebController('sessions')
export class SessionsPagesController {
  constructor(private readonly sessions: TestSessionsService) {}

  @Get()
  @Render('pages/tester/sessions')
  async calendar(
    @CurrentActor() actor: Actor,
    @Query('from') from?: string,
    @Query('notice') notice?: string,
  ) {
    const today = helsinkiToday();
    const start = isCalendarDate(from) ? from : addDays(today, 1 - isoWeekday(today));
    const end = addDays(start, WEEKS_SHOWN * 7 - 1);
    const sessions = await this.sessions.list(actor, { from: start, to: end, limit: 1000 });
    return {
      title: 'sessions.title',
      notice: noticeKey(notice),
      start,
      end,
      earlier: addDays(start, -WEEKS_SHOWN * 7),
      later: addDays(start, WEEKS_SHOWN * 7),
      days: groupByDay(sessions, (session) => session.startsAt),
    };
  }

  @Get('new')
  @Render('pages/tester/session-new')
  form() {
    return {
      title: 'sessions.newTitle',
      values: { kind: 'initial', date: dayForForm(addDays(helsinkiToday(), 7)), capacity: '10' },
      errors: {},
    };
  }

  @Post()
  async create(
    @CurrentActor() actor: Actor,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const { typed, errors, value } = await readSessionForm(body);
    const again = (status: number, fieldErrors: object, formError?: string) =>
      renderPage(
        response,
        'tester/session-new',
        { title: 'sessions.newTitle', values: typed, errors: fieldErrors, formError },
        status,
      );
    if (!value) return again(400, errors, 'validation.summary');
    try {
      const created = await this.sessions.create(actor, value, request.requestId);
      const series = 'sessions' in created ? created : undefined;
      const notice = series ? 'notices.sessionsCreated' : 'notices.sessionCreated';
      const first = series ? series.sessions[0] : (created as TestSessionView);
      const day = first.startsAt.slice(0, 10);
      response.redirect(
        303,
        `/sessions?from=${addDays(day, 1 - isoWeekday(day))}&notice=${notice}`,
      );
    } catch (error) {
      const problem = formProblem(error, SESSION_FIELD_OF);
      if (!problem) throw error;
      again(problem.status, problem.errors, problem.formError);
    }
  }
}
