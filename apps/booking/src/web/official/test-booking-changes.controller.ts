import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { UiLanguage } from '@kotoportti/model';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { RebookingService } from '../../test-bookings/rebooking.service';
import { CancelTestBookingDto, RebookTestBookingDto } from '../../test-bookings/test-booking.dto';
import type { TestBookingView } from '../../test-bookings/test-booking.view';
import { TestBookingsService } from '../../test-bookings/test-bookings.service';
import { addDays } from '../../test-sessions/helsinki-time';
import { TestSessionsService } from '../../test-sessions/test-sessions.service';
import { actionModel, type ActionPage, submitActionForm } from '../action-page';
import { formatDateTime, helsinkiToday } from '../formats';
import { translate } from '../i18n';
import { Lang } from '../lang.decorator';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';

/** How far ahead another time is offered when a test booking moves. */
const WEEKS_AHEAD = 8;

const facts = (booking: TestBookingView) => [
  { label: 'attendance.client', value: `${booking.client.firstName} ${booking.client.lastName}` },
  { label: 'session.time', value: booking.startsAt, kind: 'dateTime' },
  { label: 'session.kind', value: booking.kind, kind: 'testKind' },
  {
    label: 'session.centre',
    value: `${booking.session.testCentreName}, ${booking.session.location}`,
  },
];

/** The official cancels a client's test booking, or moves it to another time (SPEC §3.2). */
@Roles('official')
@WebController('test-bookings/:id')
export class TestBookingChangesController {
  constructor(
    private readonly bookings: TestBookingsService,
    private readonly rebooking: RebookingService,
    private readonly sessions: TestSessionsService,
  ) {}

  @Get('cancel')
  async cancelForm(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    renderPage(response, 'action', actionModel(this.cancelPage(booking)));
  }

  @Post('cancel')
  async cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    await submitActionForm(response, {
      page: this.cancelPage(booking),
      body,
      fields: ['reason'],
      dto: CancelTestBookingDto,
      act: async ({ reason }) => {
        await this.bookings.cancel(actor, id, reason, request.requestId);
        return `/clients/${booking.clientId}?notice=notices.testCancelled`;
      },
    });
  }

  @Get('rebook')
  async rebookForm(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Lang() lang: UiLanguage,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    const page = await this.rebookPage(actor, booking, lang);
    renderPage(response, 'action', actionModel(page));
  }

  @Post('rebook')
  async rebook(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Lang() lang: UiLanguage,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    await submitActionForm(response, {
      // Only a refused form needs the free times, and then as they are now.
      page: () => this.rebookPage(actor, booking, lang),
      body,
      fields: ['sessionId'],
      dto: RebookTestBookingDto,
      act: async ({ sessionId }) => {
        await this.rebooking.rebook(actor, id, sessionId, request.requestId);
        return `/clients/${booking.clientId}?notice=notices.testRebooked`;
      },
    });
  }

  private cancelPage(booking: TestBookingView): ActionPage {
    return {
      title: 'bookingChange.cancelTitle',
      heading: 'bookingChange.cancelTitle',
      facts: facts(booking),
      action: `/test-bookings/${booking.id}/cancel`,
      fields: [{ name: 'reason', label: 'bookingChange.reason', kind: 'textarea' }],
      submit: 'booking.cancel',
      back: `/clients/${booking.clientId}`,
    };
  }

  /** The free times of the same kind and language, the booked one left out. */
  private async rebookPage(actor: Actor, booking: TestBookingView, lang: UiLanguage) {
    const from = helsinkiToday();
    const sessions = await this.sessions.list(actor, {
      available: true,
      from,
      to: addDays(from, WEEKS_AHEAD * 7),
      kind: booking.kind,
      targetLanguage: booking.session.targetLanguage,
    });
    const choices = sessions
      .filter((session) => session.id !== booking.sessionId)
      .map((session) => ({
        value: session.id,
        label: translate(lang, 'bookingChange.sessionChoice', {
          time: formatDateTime(session.startsAt, lang),
          centre: session.testCentreName,
          place: session.location,
          left: session.placesLeft,
        }),
      }));
    const page: ActionPage = {
      title: 'bookingChange.rebookTitle',
      heading: 'bookingChange.rebookTitle',
      facts: facts(booking),
      explanation: choices.length === 0 ? 'bookingChange.noOtherTimes' : undefined,
      action: `/test-bookings/${booking.id}/rebook`,
      fields: [
        {
          name: 'sessionId',
          label: 'bookingChange.newTime',
          kind: 'choice',
          required: true,
          choices,
        },
      ],
      submit: 'bookingChange.rebook',
      back: `/clients/${booking.clientId}`,
    };
    return page;
  }
}
