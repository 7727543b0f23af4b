import { Get, Param, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { isOneOf, type UiLanguage } from '@kotoportti/model';
import { Actor, CurrentActor, NotFound, Roles } from '@kotoportti/platform';
import { formProblem, validateForm } from '../../web/form-errors';
import { Lang } from '../../web/lang.decorator';
import { renderPage, WebController } from '../../web/web-controller';
import { resolveFilter } from '../statistics-scope';
import { StatisticsRangeDto } from '../statistics-query.dto';
import { StatisticsService } from '../statistics.service';
import { translator } from './labels';
import { REPORT_BUILDERS, REPORT_NAMES } from './report-pages';

/** An official reads the own office's figures; analysts and admins every region's. */
const scopeNote = (actor: Actor) =>
  actor.role === 'official' ? 'statistics.scope.office' : 'statistics.scope.all';

const reportLinks = (current?: string) =>
  REPORT_NAMES.map((name) => ({
    href: `/statistics/${name}`,
    label: `statistics.reports.${name}`,
    description: `statistics.descriptions.${name}`,
    current: name === current,
  }));

/**
 * The statistics pages for analysts and officials in the shared layout: the API's tables, a
 * server-drawn SVG chart per trend with its numbers in a table beside it, and the CSV
 * downloads. A bad range is shown beside the form's fields with 400, as the API answers it.
 */
@Roles('analyst', 'official', 'admin')
@WebController('statistics')
export class StatisticsPagesController {
  constructor(
    private readonly statistics: StatisticsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  index(@CurrentActor() actor: Actor, @Res() response: Response) {
    renderPage(response, 'statistics/index', {
      title: 'statistics.title',
      scope: scopeNote(actor),
      reports: reportLinks(),
    });
  }

  @Get(':report')
  async report(
    @Param('report') report: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Lang() lang: UiLanguage,
    @Res() response: Response,
  ) {
    if (!isOneOf(REPORT_NAMES, report)) throw new NotFound('Page');
    const base = {
      title: `statistics.reports.${report}`,
      report,
      scope: scopeNote(actor),
      reports: reportLinks(report),
      values: { from: query.from, to: query.to },
    };
    const checked = await validateForm(StatisticsRangeDto, query);
    if (!checked.ok) {
      renderPage(response, 'statistics/report', { ...base, errors: checked.errors }, 400);
      return;
    }
    try {
      // Defaults and the range check of the API, so the form shows the range the figures use.
      const { from, to } = await resolveFilter(this.db, actor, checked.value, 'office');
      const built = await REPORT_BUILDERS[report](
        this.statistics,
        actor,
        { from, to },
        translator(lang),
      );
      renderPage(response, 'statistics/report', { ...base, values: { from, to }, ...built });
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      renderPage(
        response,
        'statistics/report',
        { ...base, errors: problem.errors },
        problem.status,
      );
    }
  }
}
