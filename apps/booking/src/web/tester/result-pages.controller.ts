import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, DomainError, Roles, UuidParam } from '@kotoportti/platform';
import type { TestBookingView } from '../../test-bookings/test-booking.view';
import { TestBookingsService } from '../../test-bookings/test-bookings.service';
import { TestResultsService } from '../../test-bookings/test-results.service';
import { formProblem, type FieldErrors } from '../form-errors';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { readResultForm, RESULT_FIELDS } from './result-form';

/** Entering (or correcting) a test result: levels and pace as choices from the code lists. */
@Roles('tester')
@WebController('test-bookings/:id/result')
export class ResultPagesController {
  constructor(
    private readonly bookings: TestBookingsService,
    private readonly results: TestResultsService,
  ) {}

  @Get()
  async form(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    const current = await this.results
      .current(actor, id, request.requestId)
      .catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === 'not-found') return undefined;
        throw error;
      });
    const values: Record<string, string> = {};
    for (const field of RESULT_FIELDS) values[field] = current ? String(current[field]) : '';
    this.render(response, booking, values, {}, 200);
  }

  @Post()
  async save(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const booking = await this.bookings.get(actor, id, request.requestId);
    const { typed, parsed } = await readResultForm(body);
    if (!parsed.ok) {
      return this.render(response, booking, typed, parsed.errors, 400, 'validation.summary');
    }
    try {
      await this.results.record(actor, id, parsed.value, request.requestId);
      response.redirect(303, `/sessions/${booking.sessionId}?notice=notices.resultSaved`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      this.render(response, booking, typed, problem.errors, problem.status, problem.formError);
    }
  }

  private render(
    response: Response,
    booking: TestBookingView,
    values: Record<string, string>,
    errors: FieldErrors,
    status: number,
    formError?: string,
  ) {
    renderPage(
      response,
      'tester/result',
      { title: 'result.formTitle', booking, values, errors, formError },
      status,
    );
  }
}
