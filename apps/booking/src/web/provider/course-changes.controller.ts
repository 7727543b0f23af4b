import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { CourseCancellationService } from '../../courses/course-cancellation.service';
import type { CourseView } from '../../courses/course-view';
import { CancelCourseDto, ChangeSeatsDto } from '../../courses/course.dto';
import { CoursesService } from '../../courses/courses.service';
import { actionModel, type ActionPage, type ActionState } from '../action-page';
import { formProblem, validateForm } from '../form-errors';
import { formValues, toInteger } from '../form-values';
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
    const { typed, given } = formValues(body, ['seats']);
    const again = (status: number, state: ActionState) =>
      renderPage(response, 'action', actionModel(seatsPage(course), state), status);
    const parsed = await validateForm(ChangeSeatsDto, { seats: toInteger(given.seats) });
    if (!parsed.ok) {
      return again(400, { values: typed, errors: parsed.errors, formError: 'validation.summary' });
    }
    try {
      await this.courses.changeSeats(actor, id, parsed.value.seats);
      response.redirect(303, `/courses/${id}?notice=notices.seatsChanged`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      // Fewer seats than are taken is about the number typed: said beside it.
      const errors =
        problem.status === 409
          ? { seats: problem.formError ?? 'conflicts.generic' }
          : problem.errors;
      again(problem.status, { values: typed, errors, formError: 'validation.summary' });
    }
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
    const { typed, given } = formValues(body, ['reason']);
    const again = (status: number, state: ActionState) =>
      renderPage(response, 'action', actionModel(cancelPage(course), state), status);
    const parsed = await validateForm(CancelCourseDto, given);
    if (!parsed.ok) {
      return again(400, { values: typed, errors: parsed.errors, formError: 'validation.summary' });
    }
    try {
      await this.cancellation.cancel(actor, id, parsed.value.reason, request.requestId);
      response.redirect(303, `/courses/${id}?notice=notices.courseCancelled`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      again(problem.status, { values: typed, ...problem });
    }
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
