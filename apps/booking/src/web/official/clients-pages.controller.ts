import { Body, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@kotoportti/platform';
import { ClientsService } from '../../clients/clients.service';
import { formProblem } from '../form-errors';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { readClientForm } from './client-form';

/** The official's client register: search by name or identity code, and register. */
@Roles('official')
@WebController('clients')
export class ClientsPagesController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @Render('pages/official/clients')
  async search(@CurrentActor() actor: Actor, @Req() request: PageRequest, @Query('q') q?: string) {
    const query = typeof q === 'string' ? q.slice(0, 100).trim() : '';
    const clients = await this.clients.search(actor, { q: query || undefined }, request.requestId);
    return { title: 'clients.title', q: query, clients, searched: query !== '' };
  }

  @Get('new')
  @Render('pages/official/client-new')
  form() {
    return { title: 'clientForm.title', values: { targetLanguage: 'fi' }, errors: {} };
  }

  @Post()
  async register(
    @CurrentActor() actor: Actor,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const { typed, parsed } = await readClientForm(body);
    const again = (status: number, errors: object, formError?: string) =>
      renderPage(
        response,
        'official/client-new',
        { title: 'clientForm.title', values: typed, errors, formError },
        status,
      );
    if (!parsed.ok) return again(400, parsed.errors, 'validation.summary');
    try {
      const client = await this.clients.register(actor, parsed.value, request.requestId);
      response.redirect(303, `/clients/${client.id}?notice=notices.clientRegistered`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      again(problem.status, problem.errors, problem.formError);
    }
  }
}
