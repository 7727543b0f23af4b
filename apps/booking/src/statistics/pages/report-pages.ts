import { DROPOUT_REASONS, PACES } from '@kotoportti/model';
import type { Actor } from '@kotoportti/platform';
import { barChart } from '../charts/bar-chart';
import { lineChart } from '../charts/line-chart';
import type { StatisticsService } from '../statistics.service';
import type { StatTable } from '../stat-table';
import { columnsAsSeries, pivot } from './chart-data';
import type { DownloadTableModel, FigureModel } from './page-template';
import { chartTable, tableModel } from './table-model';

export interface Range {
  from: string;
  to: string;
}

export interface ReportPage {
  figures: FigureModel[];
  tables: DownloadTableModel[];
}

export const REPORT_PAGES = {
  queues: 'Queues',
  'waiting-times': 'Waiting times',
  recommendations: 'Recommendations',
  tests: 'Tests',
  courses: 'Courses',
} as const;
export type ReportName = keyof typeof REPORT_PAGES;

const csv = (report: string, range: Range, extra = '') =>
  `/api/statistics/${report}?format=csv&from=${range.from}&to=${range.to}${extra}`;

const download = (id: string, table: StatTable, href: string): DownloadTableModel => ({
  id,
  heading: table.title,
  csv: href,
  table: tableModel(table),
});

type Builder = (s: StatisticsService, actor: Actor, range: Range) => Promise<ReportPage>;

const queues: Builder = async (s, actor, range) => {
  const byPace = await s.queues(actor, { ...range, by: ['pace'], seriesBy: ['pace'] });
  const detail = await s.queues(actor, range);
  const { categories, series } = pivot(byPace.tables[1], 'day', 'pace', 'length');
  const chart = {
    id: 'queue-length',
    title: 'Queue length over time, by pace',
    labels: categories,
    series,
  };
  return {
    figures: [
      {
        id: 'queue-length',
        heading: chart.title,
        svg: lineChart(chart),
        table: chartTable('Clients waiting per day and pace', 'Day', categories, series),
      },
    ],
    tables: [download('queues-now', detail.tables[0], csv('queues', range, '&table=now'))],
  };
};

const waitingTimes: Builder = async (s, actor, range) => {
  const monthly = await s.waitingTimes(actor, { ...range, by: ['month'] });
  const table = monthly.tables[0];
  const { categories, series } = columnsAsSeries(table, 'month', [
    'medianDaysToSeat',
    'medianDaysToStart',
    'medianDaysWaitingSoFar',
  ]);
  const title = 'Waiting-time medians per month of queue entry (days)';
  return {
    figures: [
      {
        id: 'waiting-medians',
        heading: title,
        svg: lineChart({ id: 'waiting-medians', title, labels: categories, series }),
        table: chartTable('Median days per month of queue entry', 'Month', categories, series),
      },
    ],
    tables: [download('waiting-times', table, csv('waiting-times', range, '&by=month'))],
  };
};

const recommendations: Builder = async (s, actor, range) => {
  const monthly = await s.recommendations(actor, { ...range, by: ['month'] });
  const detail = await s.recommendations(actor, range);
  const { categories, series } = columnsAsSeries(
    monthly.tables[0],
    'month',
    PACES.map((pace) => `pace.${pace}`),
  );
  const title = 'Recommendations mix: paces per month';
  return {
    figures: [
      {
        id: 'recommendations-mix',
        heading: title,
        svg: barChart({ id: 'recommendations-mix', title, categories, series }),
        table: chartTable('Results by pace per month', 'Month', categories, series),
      },
    ],
    tables: [download('recommendations', detail.tables[0], csv('recommendations', range))],
  };
};

const tests: Builder = async (s, actor, range) => {
  const monthly = await s.tests(actor, { ...range, by: ['month'] });
  const detail = await s.tests(actor, range);
  const { categories, series } = columnsAsSeries(monthly.tables[0], 'month', ['noShowRate']);
  const title = 'No-show rate per month (%)';
  return {
    figures: [
      {
        id: 'no-show-rate',
        heading: title,
        svg: lineChart({ id: 'no-show-rate', title, labels: categories, series }),
        table: chartTable('No-show rate per month', 'Month', categories, series),
      },
    ],
    tables: [download('tests', detail.tables[0], csv('tests', range))],
  };
};

const courses: Builder = async (s, actor, range) => {
  const total = await s.courses(actor, { ...range, by: [] });
  const detail = await s.courses(actor, range);
  const [row] = total.tables[0].rows;
  const values = DROPOUT_REASONS.map((reason) => row?.[`dropout.${reason}`] ?? null);
  const categories = [...DROPOUT_REASONS];
  const series = [{ name: 'Dropouts', values }];
  const title = 'Dropout reasons, courses starting in the range';
  return {
    figures: [
      {
        id: 'dropout-reasons',
        heading: title,
        svg: barChart({ id: 'dropout-reasons', title, categories, series }),
        table: chartTable('Dropouts by reason', 'Reason', categories, series),
      },
    ],
    tables: [download('courses', detail.tables[0], csv('courses', range))],
  };
};

export const REPORT_BUILDERS: Record<ReportName, Builder> = {
  queues,
  'waiting-times': waitingTimes,
  recommendations,
  tests,
  courses,
};
