import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client, Organisation, User } from '@kotoportti/model';
import { AuditEventsController } from './audit/audit-events.controller';
import { ClientsController } from './clients/clients.controller';
import { ClientsService } from './clients/clients.service';
import { ClientPathModule } from './client-path/client-path.module';
import { ConsentsModule } from './consents/consents.module';
import { CoursesModule } from './courses/courses.module';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PrivacyModule } from './privacy/privacy.module';
import { SeatsModule } from './seats/seats.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TestBookingsModule } from './test-bookings/test-bookings.module';
import { TestSessionsModule } from './test-sessions/test-sessions.module';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { WebModule } from './web/web.module';

/** The booking service: the HTTP API of offices, test centres and providers, and the web pages. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, Client]),
    ConsentsModule,
    TestSessionsModule,
    TestBookingsModule,
    CoursesModule,
    SeatsModule,
    ClientPathModule,
    StatisticsModule,
    PrivacyModule,
    WebModule,
  ],
  controllers: [OrganisationsController, UsersController, ClientsController, AuditEventsController],
  providers: [OrganisationsService, UsersService, ClientsService],
})
export class BookingModule {}
