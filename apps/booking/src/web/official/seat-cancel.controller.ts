import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { SeatDetailsService, type SeatDetails } from '../../seats/seat-details.service';
import { CancelSeatDto } from '../../seats/seat-report.dto';
import { SeatReportsService } from '../../seats/seat-reports.service';
import { actionModel, type ActionPage, type ActionState } from '../action-page';
import { formProblem, validateForm } from '../form-errors';
import { formValues } from '../form-values';
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
    const { typed, given } = formValues(body, FIELDS);
    const again = (status: number, state: ActionState) =>
      renderPage(response, 'action', actionModel(page(seat), state), status);
    const parsed = await validateForm(CancelSeatDto, { ...given, date: parseDay(given.date) });
    if (!parsed.ok) {
      return again(400, { values: typed, errors: parsed.errors, formError: 'validation.summary' });
    }
    try {
      const input = { date: parsed.value.date, text: parsed.value.reason };
      await this.reports.report(actor, id, 'cancel', input, request.requestId);
      response.redirect(303, `/clients/${seat.client.id}?notice=notices.seatCancelled`);
    } catch (error) {
      const problem = formProblem(error, { text: 'reason' });
      if (!problem) throw error;
      again(problem.status, { values: typed, ...problem });
    }
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
