import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Organisation } from '@kotoportti/model';
import { InvalidInput } from '@kotoportti/platform';
import { Repository } from 'typeorm';
import { CreateOrganisationDto } from './organisation.dto';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async create(input: CreateOrganisationDto): Promise<Organisation> {
    if (input.kind === 'employment-office' && !input.regionId) {
      throw InvalidInput.field('regionId', 'an employment office must belong to a region');
    }
    if (input.regionId) {
      const region = await this.organisations.findOneBy({ id: input.regionId, kind: 'region' });
      if (!region) throw InvalidInput.field('regionId', 'regionId must be the id of a region');
    }
    return this.organisations.save(
      this.organisations.create({
        ...input,
        language: input.language ?? 'fi',
        regionId: input.regionId ?? null,
      }),
    );
  }

  list(): Promise<Organisation[]> {
    return this.organisations.find({ order: { kind: 'ASC', name: 'ASC' } });
  }
}
