import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { ClientsService } from '../../clients/clients.service';
import { actionModel, type ActionField, type ActionPage } from '../action-page';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';

interface QueueAction {
  heading: string;
  api: (id: string) => string;
  notice: string;
  fields: ActionField[];
  submit: string;
  conflicts: string[];
  explanation?: string;
}

const REASON: ActionField = {
  name: 'reason',
  label: 'queueActions.reason',
  kind: 'textarea',
  required: true,
};

/**
 * The queue service's actions on a client's entry and seat offers. Its rules stay in that
 * service: these pages only lay out the form, which api-form.js sends to its API.
 */
const ENTRY_ACTIONS: Record<string, QueueAction> = {
  priority: {
    heading: 'queueActions.priorityTitle',
    api: (id) => `/api/waiting-lists/entries/${id}/priority`,
    notice: 'notices.priorityChanged',
    fields: [
      {
        name: 'priority',
        label: 'queueActions.priority',
        kind: 'choice',
        required: true,
        choices: [
          { value: 'true', label: 'queueActions.priorityOn', translate: true },
          { value: 'false', label: 'queueActions.priorityOff', translate: true },
        ],
      },
      { ...REASON, required: false, label: 'queueActions.priorityReason' },
    ],
    submit: 'queueActions.savePriority',
    conflicts: ['entry-not-waiting'],
  },
  remove: {
    heading: 'queueActions.removeTitle',
    api: (id) => `/api/waiting-lists/entries/${id}/remove`,
    notice: 'notices.entryRemoved',
    fields: [REASON],
    submit: 'queueActions.remove',
    conflicts: ['entry-not-waiting'],
  },
};

const OFFER_ACTIONS: Record<string, QueueAction> = {
  book: {
    heading: 'queueActions.bookOfferTitle',
    api: (id) => `/api/seat-offers/${id}/book`,
    notice: 'notices.seatBooked',
    fields: [],
    submit: 'queueActions.bookOffer',
    explanation: 'queueActions.bookOfferExplanation',
    conflicts: ['offer-expired', 'offer-not-open', 'course-closed', 'already-seated'],
  },
  decline: {
    heading: 'queueActions.declineTitle',
    api: (id) => `/api/seat-offers/${id}/decline`,
    notice: 'notices.offerDeclined',
    fields: [REASON],
    submit: 'queueActions.decline',
    explanation: 'queueActions.declineExplanation',
    conflicts: ['offer-expired', 'offer-not-open'],
  },
};

type Page = [
  actor: Actor,
  clientId: string,
  subjectId: string,
  request: PageRequest,
  response: Response,
];

@Roles('official')
@WebController('clients/:id')
export class QueueActionsController {
  constructor(private readonly clients: ClientsService) {}

  @Get('queue/:entryId/priority')
  priority(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @UuidParam('entryId') entryId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    return this.render(ENTRY_ACTIONS.priority, actor, clientId, entryId, request, response);
  }

  @Get('queue/:entryId/remove')
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @UuidParam('entryId') entryId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    return this.render(ENTRY_ACTIONS.remove, actor, clientId, entryId, request, response);
  }

  @Get('offers/:offerId/book')
  book(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @UuidParam('offerId') offerId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    return this.render(OFFER_ACTIONS.book, actor, clientId, offerId, request, response);
  }

  @Get('offers/:offerId/decline')
  decline(
    @CurrentActor() actor: Actor,
    @UuidParam() clientId: string,
    @UuidParam('offerId') offerId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    return this.render(OFFER_ACTIONS.decline, actor, clientId, offerId, request, response);
  }

  private async render(
    action: QueueAction,
    ...[actor, clientId, subjectId, request, response]: Page
  ) {
    // Another office's client answers 404 here as everywhere.
    const client = await this.clients.get(actor, clientId, request.requestId);
    const api = action.api(subjectId);
    const page: ActionPage = {
      title: action.heading,
      heading: action.heading,
      facts: [{ label: 'attendance.client', value: `${client.firstName} ${client.lastName}` }],
      explanation: action.explanation,
      action: api,
      api,
      next: `/clients/${clientId}?notice=${action.notice}`,
      conflicts: action.conflicts,
      fields: action.fields,
      submit: action.submit,
      back: `/clients/${clientId}`,
    };
    renderPage(response, 'action', actionModel(page));
  }
}
