import { Body, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, InvalidInput, Roles, UuidParam } from '@kotoportti/platform';
import { isUUID } from 'class-validator';
import { SeatBookingService } from '../../seats/seat-booking.service';
import { formProblem } from '../form-errors';
import { formValues } from '../form-values';
import type { PageRequest } from '../page-locals';
import { renderPage, WebController } from '../web-controller';
import { OfficialCourses } from './official-courses';

/** The official books a seat for a client; a level outside the range needs a reason. */
@Roles('official')
@WebController('courses/:id/seats')
export class SeatBookingPagesController {
  constructor(
    private readonly seats: SeatBookingService,
    private readonly courses: OfficialCourses,
  ) {}

  @Post()
  async book(
    @CurrentActor() actor: Actor,
    @UuidParam() courseId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const { typed, given } = formValues(body, ['clientId', 'levelOverrideReason']);
    // The client comes from a hidden field: anything but an id is a broken page, not input.
    if (!isUUID(given.clientId ?? ''))
      throw InvalidInput.field('clientId', 'clientId must be a UUID');
    try {
      await this.seats.book(
        actor,
        courseId,
        { clientId: given.clientId ?? '', levelOverrideReason: given.levelOverrideReason },
        request.requestId,
      );
      response.redirect(303, `/clients/${given.clientId}?notice=notices.seatBooked`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const model = await this.courses.page(actor, courseId, given.clientId, request.requestId);
      renderPage(
        response,
        'official/course',
        {
          ...model,
          values: typed,
          errors: problem.errors,
          formError: problem.formError,
          needsReason: problem.formError === 'conflicts.level-mismatch',
        },
        problem.status,
      );
    }
  }
}
