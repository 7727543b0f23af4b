import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kotoportti/platform';
import { CreateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  create(@Body() body: CreateOrganisationDto) {
    return this.organisations.create(body);
  }

  @Get()
  list() {
    return this.organisations.list();
  }
}
