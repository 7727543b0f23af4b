import type { StatisticsFilter } from './statistics-filter';
import { MIN_PEOPLE, SUPPRESSED } from './suppression';
import type { StatTable } from './stat-table';

/** One endpoint's answer: the filter it ran with and its suppressed tables, first one first. */
export interface StatisticsReport {
  report: string;
  filter: StatisticsFilter;
  /** Options beyond the filter that shaped the figures (by, asOf, targets…), for the record. */
  options: Record<string, unknown>;
  tables: StatTable[];
}

/** The JSON shape of SPEC §4's statistics endpoints. */
export function reportJson(report: StatisticsReport) {
  return {
    report: report.report,
    filters: {
      from: report.filter.from,
      to: report.filter.to,
      region: report.filter.regionId,
      office: report.filter.officeId,
      centre: report.filter.centreId,
      provider: report.filter.providerId,
      ...report.options,
    },
    suppression: {
      minimumPeople: MIN_PEOPLE,
      marker: SUPPRESSED,
      rule: 'Counts of 1–4 people, and figures that would let them be worked out, are shown as "<5".',
    },
    tables: Object.fromEntries(
      report.tables.map((table) => [
        table.name,
        {
          title: table.title,
          columns: table.columns.map(({ key, label, kind }) => ({ key, label, kind })),
          rows: table.rows,
        },
      ]),
    ),
  };
}
