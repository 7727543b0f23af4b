import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Organisation, OrganisationKind, Role, User } from '@kotoportti/model';
import { Conflict, hashPassword, InvalidInput } from '@kotoportti/platform';
import { Repository } from 'typeorm';
import { CreateUserDto } from './user.dto';

/** The organisation kind each role works for (SPEC §1); null means it may belong to none. */
const ORGANISATION_KIND_OF_ROLE: Record<Role, OrganisationKind[] | null> = {
  official: ['employment-office'],
  tester: ['test-centre'],
  provider: ['course-provider'],
  analyst: ['region'],
  admin: null,
};

export type PublicUser = Omit<User, 'passwordHash' | 'organisation'>;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async create(input: CreateUserDto): Promise<PublicUser> {
    await this.checkOrganisation(input.role, input.organisationId);
    const taken = await this.users
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username: input.username })
      .getExists();
    if (taken) throw new Conflict('username-taken', 'This username is already taken');
    const saved = await this.users.save(
      this.users.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        role: input.role,
        organisationId: input.organisationId ?? null,
        uiLanguage: input.uiLanguage ?? 'fi',
      }),
    );
    const { passwordHash: _hash, ...user } = saved;
    return user;
  }

  async list(): Promise<PublicUser[]> {
    const users = await this.users.find({ order: { username: 'ASC' } });
    return users.map(({ passwordHash: _hash, ...user }) => user);
  }

  private async checkOrganisation(role: Role, organisationId: string | undefined) {
    const kinds = ORGANISATION_KIND_OF_ROLE[role];
    if (!organisationId) {
      // Analysts of the ministry see the whole country and belong to no region.
      if (kinds && role !== 'analyst') {
        throw InvalidInput.field('organisationId', `a ${role} must belong to an organisation`);
      }
      return;
    }
    const organisation = await this.organisations.findOneBy({ id: organisationId });
    if (!organisation) throw InvalidInput.field('organisationId', 'no such organisation');
    if (kinds && !kinds.includes(organisation.kind)) {
      throw InvalidInput.field(
        'organisationId',
        `a ${role} must belong to a ${kinds.join(' or ')}`,
      );
    }
  }
}
