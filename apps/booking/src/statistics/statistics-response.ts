import type { Response } from 'express';
import { InvalidInput } from '@kotoportti/platform';
import { toCsv, type CsvSeparator } from './csv';
import { reportJson, type StatisticsReport } from './statistics-report';

export interface FormatQuery {
  format?: 'json' | 'csv';
  separator?: CsvSeparator;
  table?: string;
}

/** JSON by default; with ?format=csv one table as a download a spreadsheet opens cleanly. */
export function respond(report: StatisticsReport, query: FormatQuery, response: Response) {
  if (query.format !== 'csv') return reportJson(report);
  const table = query.table
    ? report.tables.find((candidate) => candidate.name.endsWith(query.table ?? ''))
    : report.tables[0];
  if (!table) throw InvalidInput.field('table', `table must be one of the report's tables`);
  const { from, to } = report.filter;
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="kotoportti-${table.name}-${from}-${to}.csv"`,
  );
  return toCsv(table, query.separator);
}
