import { Module } from '@nestjs/common';
import { ClientPathModule } from '../client-path/client-path.module';
import { ClientsService } from '../clients/clients.service';
import { ConsentsModule } from '../consents/consents.module';
import { CoursesModule } from '../courses/courses.module';
import { SeatsModule } from '../seats/seats.module';
import { TestBookingsModule } from '../test-bookings/test-bookings.module';
import { TestSessionsModule } from '../test-sessions/test-sessions.module';
import { AssetsController } from './assets.controller';
import { HomeController } from './home.controller';
import { LanguageController } from './language.controller';
import { LoginController } from './login.controller';
import { ClientPage } from './official/client-page';
import { ClientPageController } from './official/client-page.controller';
import { ClientsPagesController } from './official/clients-pages.controller';
import { TestPlacesController } from './official/test-places.controller';
import { CoursesPagesController } from './courses-pages.controller';
import { LettersPagesController } from './official/letters-pages.controller';
import { OfficialCourses } from './official/official-courses';
import { WaitingListsPagesController } from './official/waiting-lists-pages.controller';
import { SeatBookingPagesController } from './official/seat-booking-pages.controller';
import { ProviderCoursesController } from './provider/courses-pages.controller';
import { ProviderCourses } from './provider/provider-courses';
import { AttendancePagesController } from './tester/attendance-pages.controller';
import { ResultPagesController } from './tester/result-pages.controller';
import { SessionsPagesController } from './tester/sessions-pages.controller';
import { WebViews } from './web-views';
import { QueueActionsController } from './official/queue-actions.controller';
import { SeatCancelController } from './official/seat-cancel.controller';
import { TestBookingChangesController } from './official/test-booking-changes.controller';
import { CourseChangesController } from './provider/course-changes.controller';
import { SessionCancelController } from './tester/session-cancel.controller';

/**
 * The web pages of every role, server-rendered. Pages call the same services as the API
 * controllers, so rules, organisation scoping and the audit log are the API's own.
 */
@Module({
  imports: [
    ConsentsModule,
    TestSessionsModule,
    TestBookingsModule,
    CoursesModule,
    SeatsModule,
    ClientPathModule,
  ],
  controllers: [
    LoginController,
    LanguageController,
    HomeController,
    AssetsController,
    // Before ClientPageController: /clients/new is not a client id.
    ClientsPagesController,
    ClientPageController,
    QueueActionsController,
    TestBookingChangesController,
    SeatCancelController,
    TestPlacesController,
    // Before AttendancePagesController: /sessions/new is not a session id.
    SessionsPagesController,
    SessionCancelController,
    AttendancePagesController,
    ResultPagesController,
    // Before CoursesPagesController: /courses/new is not a course id.
    ProviderCoursesController,
    CourseChangesController,
    CoursesPagesController,
    SeatBookingPagesController,
    WaitingListsPagesController,
    LettersPagesController,
  ],
  // ClientsService lives in BookingModule, which imports this module; it holds no state.
  providers: [WebViews, ClientsService, ClientPage, OfficialCourses, ProviderCourses],
})
export class WebModule {}
