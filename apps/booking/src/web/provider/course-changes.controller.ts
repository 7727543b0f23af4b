import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { CourseCancellationService } from '../../courses/course-cancellation.service';
import type { CourseView } from '../../courses/course-view';
import { CancelCourseDto, ChangeSeatsDto } from '../../courses/course.dto';
import { CoursesService } from '../../courses/courses.service';
import { actionModel, type ActionPage, submitActionForm } from '../action-page';
import { toInteger } from '../form-values';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';

const facts = (course: CourseView) => [
  { label: 'course.name', value: course.name },
  { label: 'course.dates', value: course.startsOn, kind: 'date' },
  { label: 'course.seats', value: `${course.seatsTaken} / ${course.seats}` },
];

/**
 * A provider changes the number of seats of its own course or cancels it. The seats form is
 * at /capacity: POST /courses/:id/seats is the official's seat booking.
 */
@Roles('provider')
@WebController('courses/:id')
export class CourseChangesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly cancellation: CourseCancellationService,
  ) {}

  @Get('capacity')
  async seatsForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response) {
    const course = await this.courses.get(actor, id);
    const values = { seats: String(course.seats) };
    renderPage(res, 'action', actionModel(seatsPage(course), { values }));
  }

  @Post('capacity')
  async changeSeats(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const course = await this.courses.get(actor, id);
    await submitActionForm(response, {
      page: seatsPage(course),
      body,
      fields: ['seats'],
      dto: ChangeSeatsDto,
      input: (given) => ({ seats: toInteger(given.seats) }),
      act: async ({ seats }) => {
        await this.courses.changeSeats(actor, id, seats);
        return `/courses/${id}?notice=notices.seatsChanged`;
      },
      // Fewer seats than are taken is about the number typed: said beside it.
      refusal: (problem) => ({
        status: problem.status,
        errors:
          problem.status === 409
            ? { seats: problem.formError ?? 'conflicts.generic' }
            : problem.errors,
        formError: 'validation.summary',
      }),
    });
  }

  @Get('cancel')
  async cancelForm(@CurrentActor() actor: Actor, @UuidParam() id: string, @Res() res: Response) {
    const course = await this.courses.get(actor, id);
    renderPage(res, 'action', actionModel(cancelPage(course)));
  }

  @Post('cancel')
  async cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const course = await this.courses.get(actor, id);
    await submitActionForm(response, {
      page: cancelPage(course),
      body,
      fields: ['reason'],
      dto: CancelCourseDto,
      act: async ({ reason }) => {
        await this.cancellation.cancel(actor, id, reason, request.requestId);
        return `/courses/${id}?notice=notices.courseCancelled`;
      },
    });
  }
}

function seatsPage(course: CourseView): ActionPage {
  return {
    title: 'courseChange.seatsTitle',
    heading: 'courseChange.seatsTitle',
    facts: facts(course),
    action: `/courses/${course.id}/capacity`,
    fields: [
      { name: 'seats', label: 'course.seats', hint: 'courseChange.seatsHint', required: true },
    ],
    submit: 'courseChange.saveSeats',
    back: `/courses/${course.id}`,
  };
}

function cancelPage(course: CourseView): ActionPage {
  return {
    title: 'courseChange.cancelTitle',
    heading: 'courseChange.cancelTitle',
    facts: facts(course),
    explanation: 'courseChange.cancelExplanation',
    action: `/courses/${course.id}/cancel`,
    fields: [{ name: 'reason', label: 'courseChange.reason', kind: 'textarea', required: true }],
    submit: 'courseChange.cancel',
    back: `/courses/${course.id}`,
  };
}
