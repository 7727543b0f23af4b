import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { CancelTestSessionDto } from '../../test-sessions/test-session.dto';
import type { TestSessionView } from '../../test-sessions/test-session.view';
import { TestSessionsService } from '../../test-sessions/test-sessions.service';
import { actionModel, type ActionPage, submitActionForm } from '../action-page';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';

/** The test centre cancels a session; its bookings are cancelled and the offices told why. */
@Roles('tester')
@WebController('sessions/:id/cancel')
export class SessionCancelController {
  constructor(private readonly sessions: TestSessionsService) {}

  @Get()
  async form(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() response: Response) {
    const session = await this.sessions.get(actor, id);
    renderPage(response, 'action', actionModel(page(session)));
  }

  @Post()
  async cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const session = await this.sessions.get(actor, id);
    await submitActionForm(response, {
      page: page(session),
      body,
      fields: ['reason'],
      dto: CancelTestSessionDto,
      act: async ({ reason }) => {
        await this.sessions.cancel(actor, id, reason, request.requestId);
        return `/sessions/${id}?notice=notices.sessionCancelled`;
      },
    });
  }
}

function page(session: TestSessionView): ActionPage {
  return {
    title: 'sessionChange.cancelTitle',
    heading: 'sessionChange.cancelTitle',
    facts: [
      { label: 'session.time', value: session.startsAt, kind: 'dateTime' },
      { label: 'session.kind', value: session.kind, kind: 'testKind' },
      { label: 'session.room', value: `${session.location}, ${session.address}` },
      { label: 'session.booked', value: `${session.bookedCount} / ${session.capacity}` },
    ],
    explanation: 'sessionChange.cancelExplanation',
    action: `/sessions/${session.id}/cancel`,
    fields: [{ name: 'reason', label: 'sessionChange.reason', kind: 'textarea', required: true }],
    submit: 'sessionChange.cancel',
    back: `/sessions/${session.id}`,
  };
}
