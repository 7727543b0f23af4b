import { Injectable } from '@nestjs/common';
import { Actor } from '@kotoportti/platform';
import { ClientPathService } from '../../client-path/client-path.service';
import { ClientsService } from '../../clients/clients.service';
import { dayForForm, helsinkiToday } from '../formats';
import type { FieldErrors } from '../form-errors';

type Row = Record<string, unknown>;

export interface ConsentForm {
  values?: Record<string, string>;
  errors?: FieldErrors;
  formError?: string;
}

/**
 * Everything the client page shows, read through the API's services (their scoping and
 * audit entries included): the client's details and the whole path.
 */
@Injectable()
export class ClientPage {
  constructor(
    private readonly clients: ClientsService,
    private readonly paths: ClientPathService,
  ) {}

  async model(actor: Actor, clientId: string, requestId?: string, consent: ConsentForm = {}) {
    const client = await this.clients.get(actor, clientId, requestId);
    const path = await this.paths.get(actor, clientId, requestId);
    const activeConsent = path.consents.find((row) => !row.withdrawnAt);
    const tests = path.tests.map((test) => ({
      ...test,
      active: test.status === 'booked',
      result: (test.results as Row[]).find((result) => result.isCurrent),
    }));
    return {
      title: 'client.title',
      client,
      activeConsent,
      tests,
      seats: path.seats.map((seat) => ({
        ...seat,
        active: seat.status === 'reserved' || seat.status === 'started',
      })),
      waitingList: path.waitingList,
      startLevel: path.startLevel,
      values: consent.values ?? {
        givenDate: dayForForm(helsinkiToday()),
        givenTime: '',
        method: '',
      },
      errors: consent.errors ?? {},
      formError: consent.formError,
    };
  }
}
