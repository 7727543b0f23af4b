import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  TEST_KINDS,
  TARGET_LANGUAGES,
  type TargetLanguage,
  type TestKind,
} from '@kotoportti/model';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { ClientsService } from '../../clients/clients.service';
import { TestBookingsService } from '../../test-bookings/test-bookings.service';
import { addDays } from '../../test-sessions/helsinki-time';
import { TestSessionsService } from '../../test-sessions/test-sessions.service';
import { formProblem } from '../form-errors';
import { helsinkiToday } from '../formats';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { groupByDay } from '../group-by-day';

/** How far ahead the free test places are listed. */
const WEEKS_AHEAD = 8;

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.find((item) => item === value);

/** Free test places, live, and booking one for a client (SPEC §3.2). */
@Roles('official')
@WebController()
export class TestPlacesController {
  constructor(
    private readonly sessions: TestSessionsService,
    private readonly bookings: TestBookingsService,
    private readonly clients: ClientsService,
  ) {}

  @Get('test-places')
  async list(
    @CurrentActor() actor: Actor,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ) {
    renderPage(response, 'official/test-places', await this.model(actor, request, query));
  }

  @Post('test-places/:id/book')
  async book(
    @CurrentActor() actor: Actor,
    @UuidParam() sessionId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const clientId = typeof body.clientId === 'string' ? body.clientId : '';
    try {
      await this.bookings.book(actor, sessionId, { clientId }, request.requestId);
      response.redirect(303, `/clients/${clientId}?notice=notices.testBooked`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const model = await this.model(actor, request, { ...body, clientId });
      renderPage(
        response,
        'official/test-places',
        { ...model, formError: problem.formError },
        problem.status,
      );
    }
  }

  private async model(actor: Actor, request: PageRequest, query: Record<string, unknown>) {
    const clientId =
      typeof query.clientId === 'string' && /^[0-9a-f-]{36}$/i.test(query.clientId)
        ? query.clientId
        : undefined;
    const client = clientId
      ? await this.clients.get(actor, clientId, request.requestId)
      : undefined;
    const kind: TestKind | undefined = oneOf(TEST_KINDS, query.kind);
    const targetLanguage: TargetLanguage | undefined =
      oneOf(TARGET_LANGUAGES, query.targetLanguage) ?? client?.targetLanguage;
    const from = helsinkiToday();
    const sessions = await this.sessions.list(actor, {
      available: true,
      from,
      to: addDays(from, WEEKS_AHEAD * 7),
      kind,
      targetLanguage,
    });
    return {
      title: 'testPlaces.title',
      client,
      values: { kind: kind ?? '', targetLanguage: targetLanguage ?? '' },
      errors: {},
      days: groupByDay(sessions, (session) => session.startsAt),
      scripts: ['places.js'],
    };
  }
}
