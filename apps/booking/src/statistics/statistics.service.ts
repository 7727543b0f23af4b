import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, InvalidInput } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { courseFigures } from './queries/courses.query';
import { queueSeries, queuesNow } from './queries/queues.query';
import { recommendations } from './queries/recommendations.query';
import { testFigures } from './queries/tests.query';
import { withReportMemory } from './queries/sql-parts';
import { waitingTimes } from './queries/waiting-times.query';
import { helsinkiToday } from './statistics-filter';
import {
  COURSE_DIMENSIONS,
  CoursesQueryDto,
  QUEUE_DIMENSIONS,
  QueuesQueryDto,
  RECOMMENDATION_DIMENSIONS,
  RecommendationsQueryDto,
  TEST_DIMENSIONS,
  TestsQueryDto,
  WAITING_DIMENSIONS,
  WaitingTimesQueryDto,
} from './statistics-query.dto';
import type { StatisticsReport } from './statistics-report';
import { type OfficialReach, resolveFilter, type FilterQuery } from './statistics-scope';
import { suppress } from './suppression';
import type { StatTable } from './stat-table';

export const DEFAULT_PLACEMENT_TARGETS = [30, 90];
const DEFAULT_SERIES_DIMENSIONS = ['targetLanguage', 'pace'];

/**
 * The statistics of SPEC §3.9: every figure is aggregated in SQL, suppressed here before it
 * leaves, and every read is audited (who asked for which figures with which filter).
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async queues(actor: Actor, query: QueuesQueryDto, requestId?: string) {
    const filter = await resolveFilter(this.db, actor, query, 'region');
    const options = {
      by: query.by ?? [...QUEUE_DIMENSIONS],
      seriesBy: query.seriesBy ?? DEFAULT_SERIES_DIMENSIONS,
      targetLanguage: query.targetLanguage,
      pace: query.pace,
      level: query.level,
    };
    const series = { ...options, by: query.seriesBy ?? DEFAULT_SERIES_DIMENSIONS };
    const tables = await Promise.all([
      queuesNow(this.db, filter, options),
      queueSeries(this.db, filter, series),
    ]);
    return this.publish(actor, 'queues', query, { filter, options, tables }, requestId);
  }

  async waitingTimes(actor: Actor, query: WaitingTimesQueryDto, requestId?: string) {
    const filter = await resolveFilter(this.db, actor, query, 'office');
    const asOf = query.asOf ?? helsinkiToday();
    if (asOf < filter.from) throw InvalidInput.field('asOf', 'asOf must not be before from');
    const options = {
      by: query.by ?? [...WAITING_DIMENSIONS],
      targets: [...(query.targets ?? DEFAULT_PLACEMENT_TARGETS)].sort((a, b) => a - b),
      asOf,
    };
    const tables = [await withReportMemory(this.db, (db) => waitingTimes(db, filter, options))];
    return this.publish(actor, 'waiting-times', query, { filter, options, tables }, requestId);
  }

  async recommendations(actor: Actor, query: RecommendationsQueryDto, requestId?: string) {
    return this.simple(
      actor,
      'recommendations',
      query,
      'office',
      requestId,
      async (filter, by) => recommendations(this.db, filter, by),
      RECOMMENDATION_DIMENSIONS,
    );
  }

  async tests(actor: Actor, query: TestsQueryDto, requestId?: string) {
    return this.simple(
      actor,
      'tests',
      query,
      'office',
      requestId,
      async (filter, by) => testFigures(this.db, filter, by),
      TEST_DIMENSIONS,
    );
  }

  async courses(actor: Actor, query: CoursesQueryDto, requestId?: string) {
    return this.simple(
      actor,
      'courses',
      query,
      'office',
      requestId,
      async (filter, by) => withReportMemory(this.db, (db) => courseFigures(db, filter, by)),
      COURSE_DIMENSIONS,
    );
  }

  private async simple(
    actor: Actor,
    name: string,
    query: FilterQuery & { by?: string[]; format?: string },
    reach: OfficialReach,
    requestId: string | undefined,
    run: (filter: StatisticsReport['filter'], by: readonly string[]) => Promise<StatTable>,
    dimensions: readonly string[],
  ): Promise<StatisticsReport> {
    const filter = await resolveFilter(this.db, actor, query, reach);
    const by = query.by ?? [...dimensions];
    const tables = [await run(filter, by)];
    return this.publish(actor, name, query, { filter, options: { by }, tables }, requestId);
  }

  private async publish(
    actor: Actor,
    report: string,
    query: { format?: string },
    figures: Omit<StatisticsReport, 'report' | 'tables'> & { tables: StatTable[] },
    requestId?: string,
  ): Promise<StatisticsReport> {
    await this.audit.record({
      actor,
      action: 'statistics.read',
      entityType: 'statistics',
      entityId: report,
      requestId,
      details: { ...figures.filter, ...figures.options, format: query.format ?? 'json' },
    });
    return { report, ...figures, tables: figures.tables.map(suppress) };
  }
}
