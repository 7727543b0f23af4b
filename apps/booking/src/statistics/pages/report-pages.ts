import { DROPOUT_REASONS, PACES } from '@kotoportti/model';
import type { Actor } from '@kotoportti/platform';
import { barChart } from '../charts/bar-chart';
import { lineChart } from '../charts/line-chart';
import type { StatisticsService } from '../statistics.service';
import type { Cell, StatTable } from '../stat-table';
import { columnsAsSeries, pivot } from './chart-data';
import { codeLabel, columnLabel, type Translate } from './labels';
import { chartTable, tableModel, type TableModel } from './table-model';

export interface Range {
  from: string;
  to: string;
}

export interface FigureModel {
  id: string;
  heading: string;
  /** Built by charts/, which escapes every text it draws. */
  svg: string;
  table: TableModel;
}

export interface DownloadTableModel {
  id: string;
  heading: string;
  csv: string;
  csvSemicolon: string;
  table: TableModel;
}

export interface ReportPage {
  figures: FigureModel[];
  tables: DownloadTableModel[];
}

export const REPORT_NAMES = [
  'queues',
  'waiting-times',
  'recommendations',
  'tests',
  'courses',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const csv = (report: string, range: Range, extra = '') =>
  `/api/statistics/${report}?format=csv&from=${range.from}&to=${range.to}${extra}`;

function download(t: Translate, id: string, table: StatTable, href: string, heading: string) {
  return {
    id,
    heading,
    csv: href,
    csvSemicolon: `${href}&separator=semicolon`,
    table: tableModel(t, table, heading),
  };
}

type Builder = (
  s: StatisticsService,
  actor: Actor,
  range: Range,
  t: Translate,
) => Promise<ReportPage>;

/** A chart and, beside it, the same numbers as a table for screen-reader users. */
function figure(
  id: string,
  heading: string,
  svg: string,
  table: [caption: string, categoryHeader: string],
  data: { categories: string[]; series: Array<{ name: string; values: Cell[] }> },
): FigureModel {
  return {
    id,
    heading,
    svg,
    table: chartTable(table[0], table[1], data.categories, data.series),
  };
}

const queues: Builder = async (s, actor, range, t) => {
  const byPace = await s.queues(actor, { ...range, by: ['pace'], seriesBy: ['pace'] });
  const detail = await s.queues(actor, range);
  const long = pivot(byPace.tables[1], 'day', 'pace', 'length');
  const data = {
    categories: long.categories,
    series: long.series.map((serie) => ({ ...serie, name: codeLabel(t, 'pace', serie.name) })),
  };
  const title = t('statistics.charts.queueLength');
  return {
    figures: [
      figure(
        'queue-length',
        title,
        lineChart({ id: 'queue-length', title, labels: data.categories, series: data.series }),
        [t('statistics.charts.queueLengthTable'), t('statistics.columns.day')],
        data,
      ),
    ],
    tables: [
      download(
        t,
        'queues-now',
        detail.tables[0],
        csv('queues', range, '&table=now'),
        t('statistics.tables.queues-now', { day: range.to }),
      ),
    ],
  };
};

const waitingTimes: Builder = async (s, actor, range, t) => {
  const monthly = await s.waitingTimes(actor, { ...range, by: ['month'] });
  const table = monthly.tables[0];
  const data = columnsAsSeries(
    table,
    'month',
    ['medianDaysToSeat', 'medianDaysToStart', 'medianDaysWaitingSoFar'],
    (column) => columnLabel(t, column),
  );
  const title = t('statistics.charts.waitingMedians');
  return {
    figures: [
      figure(
        'waiting-medians',
        title,
        lineChart({ id: 'waiting-medians', title, labels: data.categories, series: data.series }),
        [t('statistics.charts.waitingMediansTable'), t('statistics.columns.month')],
        data,
      ),
    ],
    tables: [
      download(
        t,
        'waiting-times',
        table,
        csv('waiting-times', range, '&by=month'),
        t('statistics.tables.waiting-times'),
      ),
    ],
  };
};

const recommendations: Builder = async (s, actor, range, t) => {
  const monthly = await s.recommendations(actor, { ...range, by: ['month'] });
  const detail = await s.recommendations(actor, range);
  const data = columnsAsSeries(
    monthly.tables[0],
    'month',
    PACES.map((pace) => `pace.${pace}`),
    (column) => columnLabel(t, column),
  );
  const title = t('statistics.charts.recommendationsMix');
  return {
    figures: [
      figure(
        'recommendations-mix',
        title,
        barChart({ id: 'recommendations-mix', title, ...data }),
        [t('statistics.charts.recommendationsMixTable'), t('statistics.columns.month')],
        data,
      ),
    ],
    tables: [
      download(
        t,
        'recommendations',
        detail.tables[0],
        csv('recommendations', range),
        t('statistics.tables.recommendations'),
      ),
    ],
  };
};

const tests: Builder = async (s, actor, range, t) => {
  const monthly = await s.tests(actor, { ...range, by: ['month'] });
  const detail = await s.tests(actor, range);
  const data = columnsAsSeries(monthly.tables[0], 'month', ['noShowRate'], (column) =>
    columnLabel(t, column),
  );
  const title = t('statistics.charts.noShowRate');
  return {
    figures: [
      figure(
        'no-show-rate',
        title,
        lineChart({ id: 'no-show-rate', title, labels: data.categories, series: data.series }),
        [t('statistics.charts.noShowRateTable'), t('statistics.columns.month')],
        data,
      ),
    ],
    tables: [
      download(t, 'tests', detail.tables[0], csv('tests', range), t('statistics.tables.tests')),
    ],
  };
};

const courses: Builder = async (s, actor, range, t) => {
  const total = await s.courses(actor, { ...range, by: [] });
  const detail = await s.courses(actor, range);
  const [row] = total.tables[0].rows;
  const data = {
    categories: DROPOUT_REASONS.map((reason) => codeLabel(t, 'dropoutReason', reason)),
    series: [
      {
        name: t('statistics.charts.dropouts'),
        values: DROPOUT_REASONS.map((reason) => row?.[`dropout.${reason}`] ?? null),
      },
    ],
  };
  const title = t('statistics.charts.dropoutReasons');
  return {
    figures: [
      figure(
        'dropout-reasons',
        title,
        barChart({ id: 'dropout-reasons', title, ...data }),
        [t('statistics.charts.dropoutReasonsTable'), t('statistics.charts.reason')],
        data,
      ),
    ],
    tables: [
      download(
        t,
        'courses',
        detail.tables[0],
        csv('courses', range),
        t('statistics.tables.courses'),
      ),
    ],
  };
};

export const REPORT_BUILDERS: Record<ReportName, Builder> = {
  queues,
  'waiting-times': waitingTimes,
  recommendations,
  tests,
  courses,
};
