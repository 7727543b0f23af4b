import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { GiveConsentDto } from '../../consents/consent.dto';
import { ConsentsService } from '../../consents/consents.service';
import { fromHelsinki, helsinkiIso } from '../../test-sessions/helsinki-time';
import { formProblem, validateForm } from '../form-errors';
import { formValues, noticeKey } from '../form-values';
import { parseClock, parseDay } from '../formats';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { ClientPage, ConsentForm } from './client-page';

/** One client: details, consent, tests and results, queue, seats and letters. */
@Roles('official')
@WebController('clients/:id')
export class ClientPageController {
  constructor(
    private readonly page: ClientPage,
    private readonly consents: ConsentsService,
  ) {}

  @Get()
  async show(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query('notice') notice?: string,
  ) {
    const model = await this.page.model(actor, id, request.requestId);
    renderPage(response, 'official/client', {
      ...model,
      notice: noticeKey(notice),
      scripts: ['letters.js', 'queue-position.js'],
    });
  }

  /** The consent's moment is typed as a Helsinki day and time, the way it was given. */
  @Post('consent')
  async giveConsent(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const { typed, given } = formValues(body, ['givenDate', 'givenTime', 'method']);
    const day = parseDay(given.givenDate);
    const clock = given.givenTime === undefined ? '12:00' : parseClock(given.givenTime);
    const errors: Record<string, string> = {};
    if (!clock) errors.givenTime = 'validation.time';
    const validDay = day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day);
    const givenAt = validDay && clock ? helsinkiIso(fromHelsinki(day, clock)) : day;
    const parsed = await validateForm(GiveConsentDto, { givenAt, method: given.method });
    if (!parsed.ok) {
      if (parsed.errors.givenAt) errors.givenDate = 'validation.isCalendarDate';
      if (parsed.errors.method) errors.method = parsed.errors.method;
    }
    if (Object.keys(errors).length > 0 || !parsed.ok) {
      return this.again(actor, id, request, response, 400, {
        values: typed,
        errors,
        formError: 'validation.summary',
      });
    }
    try {
      await this.consents.give(actor, id, parsed.value, request.requestId);
      response.redirect(303, `/clients/${id}?notice=notices.consentRecorded`);
    } catch (error) {
      const problem = formProblem(error, { givenAt: 'givenDate' });
      if (!problem) throw error;
      await this.again(actor, id, request, response, problem.status, { values: typed, ...problem });
    }
  }

  @Post('consent/withdraw')
  async withdrawConsent(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    try {
      await this.consents.withdraw(actor, id, request.requestId);
      response.redirect(303, `/clients/${id}?notice=notices.consentWithdrawn`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      await this.again(actor, id, request, response, problem.status, problem);
    }
  }

  private async again(
    actor: Actor,
    id: string,
    request: PageRequest,
    response: Response,
    status: number,
    consent: ConsentForm,
  ) {
    const model = await this.page.model(actor, id, request.requestId, consent);
    renderPage(
      response,
      'official/client',
      { ...model, scripts: ['letters.js', 'queue-position.js'] },
      status,
    );
  }
}
