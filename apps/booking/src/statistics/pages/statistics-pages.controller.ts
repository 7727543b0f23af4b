import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isOneOf } from '@kotoportti/model';
import { Actor, Forbidden, NotFound, Public, RequestWithActor } from '@kotoportti/platform';
import { resolveFilter } from '../statistics-scope';
import { StatisticsRangeDto } from '../statistics-query.dto';
import { StatisticsService } from '../statistics.service';
import { renderStatisticsPage, type StatisticsPageModel } from './page-template';
import { REPORT_BUILDERS, REPORT_PAGES, type ReportName } from './report-pages';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const READERS = ['analyst', 'official', 'admin'];

const SCOPE_NOTE: Record<string, string> = {
  analyst: 'Figures of every region, as aggregates only.',
  admin: 'Figures of every region, as aggregates only.',
  official:
    'Figures of your own office’s clients; queues are those of your office’s region, which its offices share.',
};

/**
 * The statistics pages for analysts and officials: the API's tables, a server-drawn SVG
 * chart per trend with its numbers in a table beside it, and the CSV downloads.
 * Public at the guard so that a visitor who is not signed in is sent to the sign-in page
 * instead of getting a JSON 401; the role is checked here.
 */
@ApiExcludeController()
@Public()
@Controller('statistics')
export class StatisticsPagesController {
  constructor(
    private readonly statistics: StatisticsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  private reader(request: Request & RequestWithActor, response: Response): Actor | null {
    const actor = request.actor;
    if (!actor) {
      response.redirect(303, '/login');
      return null;
    }
    if (!READERS.includes(actor.role)) throw new Forbidden();
    return actor;
  }

  private base(actor: Actor, current?: string): StatisticsPageModel {
    return {
      title: current ? REPORT_PAGES[current as ReportName] : 'Statistics',
      user: { displayName: actor.displayName, role: actor.role },
      scope: SCOPE_NOTE[actor.role] ?? '',
      reports: Object.entries(REPORT_PAGES).map(([name, label]) => ({
        href: `/statistics/${name}`,
        label,
        current: name === current,
      })),
    };
  }

  @Get()
  index(@Req() request: Request & RequestWithActor, @Res() response: Response) {
    const actor = this.reader(request, response);
    if (!actor) return;
    const links = Object.entries(REPORT_PAGES).map(([name, label]) => ({
      href: `/statistics/${name}`,
      label,
      description: `tables, chart and CSV of GET /api/statistics/${name}`,
    }));
    response.type('html').send(renderStatisticsPage({ ...this.base(actor), isIndex: true, links }));
  }

  @Get(':report')
  async report(
    @Param('report') report: string,
    @Query() query: StatisticsRangeDto,
    @Req() request: Request & RequestWithActor,
    @Res() response: Response,
  ) {
    const actor = this.reader(request, response);
    if (!actor) return;
    if (!isOneOf(Object.keys(REPORT_PAGES) as ReportName[], report)) throw new NotFound('Page');
    // Defaults and the range check of the API, so the form shows the range the figures use.
    const { from, to } = await resolveFilter(this.db, actor, query, 'office');
    const built = await REPORT_BUILDERS[report](this.statistics, actor, { from, to });
    response
      .type('html')
      .send(renderStatisticsPage({ ...this.base(actor, report), range: { from, to }, ...built }));
  }
}
