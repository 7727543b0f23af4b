import { LEVELS, PACES } from '@kotoportti/model';
import type { StatisticsFilter } from '../statistics-filter';
import { type Column, type Row, type StatTable, numericRows, people } from '../stat-table';
import { type Dimension, grouping, onHelsinkiDays, SqlParams, type Queryable } from './sql-parts';

const DIMENSIONS: Dimension[] = [
  {
    by: 'month',
    key: 'month',
    title: 'Month of the test',
    sql: `to_char(ts.starts_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM')`,
  },
  {
    by: 'centre',
    key: 'centreId',
    title: 'Test centre',
    sql: 'ts.test_centre_id',
    nameKey: 'centre',
  },
];

const countOf = (column: string, code: string) =>
  `count(*) FILTER (WHERE ${column} = '${code}') AS "${column.split('.')[1]}.${code}"`;

const COLUMNS: Column[] = [
  people('results', 'Results'),
  ...PACES.map((pace) => people(`pace.${pace}`, `Pace: ${pace}`)),
  ...LEVELS.map((level) => people(`start_level.${level}`, `Start level: ${level}`)),
];

/** The client's office and region, joined only when a filter needs them. */
function clientJoins(filter: StatisticsFilter): string {
  if (!filter.officeId && !filter.regionId) return '';
  return `JOIN clients c ON c.id = r.client_id
          JOIN organisations office ON office.id = c.office_id`;
}

/**
 * Current results (a corrected result replaces the earlier version), by the month of the
 * test and the centre that held it. Offices and regions are the client's.
 */
export async function recommendations(
  db: Queryable,
  filter: StatisticsFilter,
  by: readonly string[],
): Promise<StatTable> {
  const p = new SqlParams();
  const where = [
    'r.is_current',
    onHelsinkiDays('ts.starts_at', p.add(filter.from, '::date'), p.add(filter.to, '::date')),
  ];
  if (filter.centreId) where.push(`ts.test_centre_id = ${p.add(filter.centreId, '::uuid')}`);
  if (filter.officeId) where.push(`c.office_id = ${p.add(filter.officeId, '::uuid')}`);
  if (filter.regionId) where.push(`office.region_id = ${p.add(filter.regionId, '::uuid')}`);
  const g = grouping(DIMENSIONS, by);
  const sql = `
    WITH g AS (
      SELECT ${g.select}
             count(*) AS results,
             ${PACES.map((pace) => countOf('r.pace', pace)).join(',\n')},
             ${LEVELS.map((level) => countOf('r.start_level', level)).join(',\n')}
        FROM test_results r
        JOIN test_bookings b ON b.id = r.booking_id
        JOIN test_sessions ts ON ts.id = b.session_id
        ${clientJoins(filter)}
       WHERE ${where.join(' AND ')}
       ${g.groupBy}
    )
    SELECT ${g.names} g.* FROM g ${g.orderBy}`;
  const columns = [...g.columns, ...COLUMNS];
  return {
    name: 'recommendations',
    title: 'Recommendations given',
    columns,
    rows: numericRows(await db.query<Row[]>(sql, p.values), columns),
    partitions: [
      { total: 'results', parts: PACES.map((pace) => `pace.${pace}`) },
      { total: 'results', parts: LEVELS.map((level) => `start_level.${level}`) },
    ],
  };
}
