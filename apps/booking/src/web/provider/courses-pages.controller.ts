import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { CoursesService } from '../../courses/courses.service';
import { formProblem } from '../form-errors';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { ProviderCourses } from './provider-courses';

/** A provider publishes courses and reports on the participants of its own. */
@Roles('provider')
@WebController('courses')
export class ProviderCoursesController {
  constructor(
    private readonly provider: ProviderCourses,
    private readonly courses: CoursesService,
  ) {}

  @Get('new')
  form(@Res() response: Response) {
    renderPage(response, 'provider/course-new', {
      title: 'course.newTitle',
      values: { targetLanguage: 'fi', seats: '16' },
      errors: {},
    });
  }

  @Post()
  async create(
    @CurrentActor() actor: Actor,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const { typed, parsed } = await this.provider.readCourse(body);
    const again = (status: number, errors: object, formError?: string) =>
      renderPage(
        response,
        'provider/course-new',
        { title: 'course.newTitle', values: typed, errors, formError },
        status,
      );
    if (!parsed.ok) return again(400, parsed.errors, 'validation.summary');
    try {
      const course = await this.courses.publish(actor, parsed.value);
      response.redirect(303, `/courses/${course.id}?notice=notices.courseCreated`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      again(problem.status, problem.errors, problem.formError);
    }
  }

  @Post(':id/reports')
  async report(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const result = await this.provider.report(actor, id, body, request.requestId);
    if (result.ok && result.outcome.failed.length === 0) {
      response.redirect(303, `/courses/${id}?notice=notices.reportsSaved`);
      return;
    }
    const form = result.ok
      ? {}
      : {
          values: result.typed,
          errors: result.errors,
          formError: 'validation.summary',
          selected: result.seatIds,
        };
    const model = await this.provider.page(actor, id, request.requestId, form, result.outcome);
    renderPage(response, 'provider/course', model, result.ok ? 409 : 400);
  }
}
