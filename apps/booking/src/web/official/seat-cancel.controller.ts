import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { SeatDetailsService, type SeatDetails } from '../../seats/seat-details.service';
import { CancelSeatDto } from '../../seats/seat-report.dto';
import { SeatReportsService } from '../../seats/seat-reports.service';
import { actionModel, type ActionPage, submitActionForm } from '../action-page';
import { dayForForm, helsinkiToday, parseDay } from '../formats';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';

const FIELDS = ['date', 'reason'] as const;

/** The client's office cancels a reserved course seat; the place goes to the next in line. */
@Roles('official')
@WebController('seats/:id/cancel')
export class SeatCancelController {
  constructor(
    private readonly details: SeatDetailsService,
    private readonly reports: SeatReportsService,
  ) {}

  @Get()
  async form(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    const seat = await this.details.get(actor, id, request.requestId);
    const values = { date: dayForForm(helsinkiToday()), reason: '' };
    renderPage(response, 'action', actionModel(page(seat), { values }));
  }

  @Post()
  async cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const seat = await this.details.get(actor, id, request.requestId);
    await submitActionForm(response, {
      page: page(seat),
      body,
      fields: FIELDS,
      dto: CancelSeatDto,
      input: (given) => ({ ...given, date: parseDay(given.date) }),
      act: async ({ date, reason }) => {
        await this.reports.report(actor, id, 'cancel', { date, text: reason }, request.requestId);
        return `/clients/${seat.client.id}?notice=notices.seatCancelled`;
      },
      fieldOf: { text: 'reason' },
    });
  }
}

function page(seat: SeatDetails): ActionPage {
  return {
    title: 'seatChange.cancelTitle',
    heading: 'seatChange.cancelTitle',
    facts: [
      { label: 'attendance.client', value: `${seat.client.firstName} ${seat.client.lastName}` },
      { label: 'course.name', value: seat.course.name },
      { label: 'course.provider', value: seat.course.providerName },
      { label: 'course.startsOn', value: seat.course.startsOn, kind: 'date' },
      { label: 'seat.status', value: seat.status, kind: 'seatStatus' },
    ],
    explanation: 'seatChange.cancelExplanation',
    action: `/seats/${seat.id}/cancel`,
    fields: [
      { name: 'date', label: 'seatChange.date', hint: 'form.dateHint', required: true },
      { name: 'reason', label: 'seatChange.reason', kind: 'textarea' },
    ],
    submit: 'seatChange.cancel',
    back: `/clients/${seat.client.id}`,
  };
}
