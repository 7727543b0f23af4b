import { Injectable } from '@nestjs/common';
import { Actor } from '@kotoportti/platform';
import { CourseCatalogueService } from '../../courses/course-catalogue.service';
import { CoursesService } from '../../courses/courses.service';
import { CourseParticipantsService } from '../../seats/course-participants.service';
import { SeatReportsService } from '../../seats/seat-reports.service';
import { dayForForm, helsinkiToday } from '../formats';
import { formProblem, type FieldErrors } from '../form-errors';
import { readCourseForm } from './course-form';
import { readReportForm, REPORT_ACTIONS } from './report-form';

export interface ReportOutcome {
  saved: number;
  /** Participants whose report the service refused, and why (a translation key). */
  failed: Array<{ name: string; reason: string }>;
}

/** The provider's side of the course pages, through the API's services. */
@Injectable()
export class ProviderCourses {
  constructor(
    private readonly catalogue: CourseCatalogueService,
    private readonly courses: CoursesService,
    private readonly participants: CourseParticipantsService,
    private readonly reports: SeatReportsService,
  ) {}

  async list(actor: Actor) {
    return {
      title: 'courses.ownTitle',
      courses: await this.catalogue.list(actor, { limit: 500 }),
    };
  }

  async page(
    actor: Actor,
    courseId: string,
    requestId: string | undefined,
    form: {
      values?: Record<string, string>;
      errors?: FieldErrors;
      formError?: string;
      /** Seats chosen in a refused form, chosen again. */
      selected?: string[];
    } = {},
    outcome?: ReportOutcome,
  ) {
    const course = await this.courses.get(actor, courseId);
    const participants = await this.participants.list(actor, courseId, requestId);
    return {
      title: 'course.participants',
      course,
      participants: participants.map((participant) => ({
        ...participant,
        checked: form.selected?.includes(participant.seatId) ?? false,
      })),
      actions: REPORT_ACTIONS,
      values: form.values ?? { date: dayForForm(helsinkiToday()) },
      errors: form.errors ?? {},
      formError: form.formError,
      outcome,
    };
  }

  readCourse(body: Record<string, unknown>) {
    return readCourseForm(body);
  }

  /**
   * One report for each participant chosen. The form is checked once, before anything is
   * stored; then each seat is reported on its own, as the API would be called per seat, and
   * a participant whose state does not allow the report is named, not hidden.
   */
  async report(
    actor: Actor,
    courseId: string,
    body: Record<string, unknown>,
    requestId: string | undefined,
  ) {
    const seatIds = ([] as unknown[])
      .concat(body.seatIds ?? [])
      .filter((id): id is string => typeof id === 'string');
    const { typed, errors, action, input } = await readReportForm(body);
    if (seatIds.length === 0) errors.seatIds = 'validation.chooseParticipants';
    if (!action || !input || Object.keys(errors).length > 0) {
      return { ok: false as const, typed, errors, seatIds };
    }
    const names = new Map(
      (await this.participants.list(actor, courseId, requestId)).map((p) => [
        p.seatId,
        `${p.client.firstName} ${p.client.lastName}`,
      ]),
    );
    const outcome: ReportOutcome = { saved: 0, failed: [] };
    let fieldErrors: FieldErrors | undefined;
    for (const seatId of seatIds) {
      // A seat id that is not on this course's list is not this provider's to report on.
      const name = names.get(seatId);
      if (!name) continue;
      try {
        await this.reports.report(actor, seatId, action, input, requestId);
        outcome.saved += 1;
      } catch (error) {
        const problem = formProblem(error);
        if (!problem) throw error;
        if (problem.status === 400) fieldErrors = problem.errors;
        const reason = Object.values(problem.errors)[0] ?? problem.formError ?? 'conflicts.generic';
        outcome.failed.push({ name, reason });
      }
    }
    // The same bad value for everyone (a day in the future): shown beside the field instead.
    if (outcome.saved === 0 && fieldErrors && outcome.failed.length === seatIds.length) {
      return { ok: false as const, typed, errors: fieldErrors, seatIds };
    }
    return { ok: true as const, typed, outcome };
  }
}
