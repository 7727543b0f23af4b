import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors } from '../test-sessions/api-errors';
import { CourseCancellationService } from './course-cancellation.service';
import { CourseCatalogueService } from './course-catalogue.service';
import { CancelCourseDto, ChangeSeatsDto, CreateCourseDto } from './course.dto';
import { ListCoursesDto } from './course-query.dto';
import { CoursesService } from './courses.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('api/courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly catalogue: CourseCatalogueService,
    private readonly cancellation: CourseCancellationService,
  ) {}

  @Post()
  @Roles('provider')
  @ApiOperation({
    summary: 'Publish a course of the provider’s own organisation',
    description:
      '400 names each bad field, e.g. endsOn before startsOn, an unknown pace, maxLevel below minLevel, a regionId that is not a region.',
  })
  @ApiCreatedResponse({ description: 'The course, with seatsLeft' })
  @ApiErrors()
  publish(@CurrentActor() actor: Actor, @Body() body: CreateCourseDto) {
    return this.courses.publish(actor, body);
  }

  @Get()
  @Roles('official', 'provider')
  @ApiOperation({
    summary: 'List courses with seatsLeft: officials see published ones, providers their own',
  })
  @ApiErrors()
  list(@CurrentActor() actor: Actor, @Query() query: ListCoursesDto) {
    return this.catalogue.list(actor, query);
  }

  @Get(':id')
  @Roles('official', 'provider')
  @ApiOperation({ summary: 'One course with seatsLeft, and why it was cancelled if it was' })
  @ApiErrors({ notFound: 'Course' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.courses.get(actor, id);
  }

  @Patch(':id/seats')
  @Roles('provider')
  @ApiOperation({ summary: 'Change the number of seats, never below the seats taken' })
  @ApiOkResponse({ description: 'The course with its new seats' })
  @ApiErrors({ notFound: 'Course', conflicts: ['seats-below-taken', 'course-cancelled'] })
  changeSeats(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: ChangeSeatsDto) {
    return this.courses.changeSeats(actor, id, body.seats);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('provider')
  @ApiOperation({
    summary: 'Cancel a course: its reserved seats are cancelled and offices see the reason',
  })
  @ApiOkResponse({ description: 'The cancelled course' })
  @ApiErrors({
    notFound: 'Course',
    conflicts: ['course-cancelled', 'course-under-way', 'course-ended'],
  })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CancelCourseDto,
    @Req() request: RequestWithActor,
  ) {
    return this.cancellation.cancel(actor, id, body.reason, request.requestId);
  }
}
