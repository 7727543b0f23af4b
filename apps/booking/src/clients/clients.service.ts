import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalIdentityCode, Client, CONSTRAINTS, violatedConstraint } from '@kotoportti/model';
import { Actor, AuditService, Conflict, InvalidInput, NotFound } from '@kotoportti/platform';
import { DataSource, Repository } from 'typeorm';
import { CreateClientDto, SearchClientsDto } from './client.dto';
import { searchClients } from './client-search';
import { parseIdentityCode } from './identity-code';

const IDENTITY_PROBLEM = {
  format: 'personalIdentityCode must look like 131052-308T',
  date: 'personalIdentityCode holds a date that does not exist',
  checksum: 'personalIdentityCode has a wrong check character',
};

/** Either spelling of the century sign: 131052Y308T is taken by 131052-308T. */
function identityCodeTaken(clients: Repository<Client>, code: string): Promise<boolean> {
  return clients
    .createQueryBuilder('client')
    .where(
      `${canonicalIdentityCode('client.personalIdentityCode')} = ${canonicalIdentityCode(':code')}`,
      { code },
    )
    .getExists();
}

/** Officials see their own office's clients (SPEC §1); admins see all. */
function officeScope(actor: Actor): string | null {
  return actor.role === 'admin' ? null : actor.organisationId;
}

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async register(actor: Actor, input: CreateClientDto, requestId?: string): Promise<Client> {
    if (!actor.organisationId)
      throw InvalidInput.field('officeId', 'only an office official registers clients');
    const code = input.personalIdentityCode?.toUpperCase();
    if (code) this.checkIdentityCode(code, input.birthDate);
    const registered = this.db.transaction(async (manager) => {
      const clients = manager.getRepository(Client);
      if (code && (await identityCodeTaken(clients, code))) {
        throw new Conflict(
          'identity-code-taken',
          'A client with this identity code is already registered',
        );
      }
      const client = await clients.save(
        clients.create({
          ...input,
          personalIdentityCode: code ?? null,
          officeId: actor.organisationId!,
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(
        {
          actor,
          action: 'client.create',
          entityType: 'client',
          entityId: client.id,
          clientId: client.id,
          requestId,
        },
        manager,
      );
      return client;
    });
    // Two registrations of one code at once both pass the check above; the index decides.
    return registered.catch((error: unknown) => {
      if (violatedConstraint(error) !== CONSTRAINTS.personalIdentityCodeUnique) throw error;
      throw new Conflict(
        'identity-code-taken',
        'A client with this identity code is already registered',
      );
    });
  }

  async get(actor: Actor, id: string, requestId?: string): Promise<Client> {
    const scope = officeScope(actor);
    const client = await this.db
      .getRepository(Client)
      .findOneBy(scope ? { id, officeId: scope } : { id });
    if (!client) throw new NotFound('Client');
    await this.audit.record({
      actor,
      action: 'client.read',
      entityType: 'client',
      entityId: id,
      clientId: id,
      requestId,
    });
    return client;
  }

  async search(actor: Actor, query: SearchClientsDto, requestId?: string): Promise<Client[]> {
    const q = query.q?.trim();
    const clients = await searchClients(this.db, officeScope(actor), q, query.limit ?? 50);
    await this.audit.record({
      actor,
      action: 'client.search',
      entityType: 'client',
      entityId: 'search',
      requestId,
      details: { clientIds: clients.map((client) => client.id) },
    });
    return clients;
  }

  private checkIdentityCode(code: string, birthDate: string) {
    const parsed = parseIdentityCode(code);
    if (typeof parsed === 'string')
      throw InvalidInput.field('personalIdentityCode', IDENTITY_PROBLEM[parsed]);
    if (parsed.birthDate !== birthDate) {
      throw new InvalidInput([
        {
          field: 'personalIdentityCode',
          problems: ['personalIdentityCode and birthDate disagree'],
        },
        { field: 'birthDate', problems: ['birthDate and personalIdentityCode disagree'] },
      ]);
    }
  }
}
