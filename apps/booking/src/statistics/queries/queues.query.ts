import {
  PACES,
  TARGET_LANGUAGES,
  type Level,
  type Pace,
  type TargetLanguage,
} from '@kotoportti/model';
import type { StatisticsFilter } from '../statistics-filter';
import { type Row, type StatTable, label, measure, numericRows, people } from '../stat-table';
import {
  codeOrder,
  type Dimension,
  grouping,
  helsinkiDate,
  helper,
  percentileAt,
  percentiles,
  withoutHelpers,
  SqlParams,
  type Queryable,
} from './sql-parts';

export interface QueueOptions {
  by: readonly string[];
  targetLanguage?: TargetLanguage;
  pace?: Pace;
  level?: Level;
}

const dimensions = (level: string, region: string): Dimension[] => [
  {
    by: 'targetLanguage',
    key: 'targetLanguage',
    title: 'Target language',
    sql: 'target_language',
    order: codeOrder('"targetLanguage"', TARGET_LANGUAGES),
  },
  { by: 'pace', key: 'pace', title: 'Pace', sql: 'pace', order: codeOrder('"pace"', PACES) },
  { by: 'level', key: 'level', title: 'Start level', sql: level, order: 'level_rank("level")' },
  { by: 'region', key: 'regionId', title: 'Region', sql: region, nameKey: 'region' },
];

function queueFilters(options: QueueOptions, p: SqlParams, level: string): string[] {
  const where: string[] = [];
  if (options.targetLanguage) where.push(`target_language = ${p.add(options.targetLanguage)}`);
  if (options.pace) where.push(`pace = ${p.add(options.pace)}`);
  if (options.level) where.push(`${level} = ${p.add(options.level)}`);
  return where;
}

/**
 * Who was in the queues at the end of the range's last day, from the entries themselves:
 * an entry counts from its waiting_since day until the day it ended.
 */
export async function queuesNow(
  db: Queryable,
  filter: StatisticsFilter,
  options: QueueOptions,
): Promise<StatTable> {
  const p = new SqlParams();
  const day = p.add(filter.to, '::date');
  const where = [
    `waiting_since <= ${day}`,
    `(ended_at IS NULL OR ${helsinkiDate('ended_at')} > ${day})`,
    ...queueFilters(options, p, 'start_level'),
  ];
  if (filter.regionId) where.push(`region_id = ${p.add(filter.regionId, '::uuid')}`);
  if (filter.officeId) where.push(`office_id = ${p.add(filter.officeId, '::uuid')}`);
  const g = grouping(dimensions('start_level', 'region_id'), options.by);
  const sql = `
    WITH g AS (
      SELECT ${g.select}
             count(*) AS length,
             ${percentiles(`${day} - waiting_since`)} AS ${helper('waited')}
        FROM waiting_list_entries
       WHERE ${where.join(' AND ')}
       ${g.groupBy}
    )
    SELECT ${g.names} g.*,
           ${percentileAt(`g.${helper('waited')}`, 1)} AS "medianWaitDays",
           ${percentileAt(`g.${helper('waited')}`, 2)} AS "p90WaitDays"
      FROM g ${g.orderBy}`;
  const columns = [
    ...g.columns,
    people('length', 'Clients waiting'),
    measure('medianWaitDays', 'Median days waited so far', 'length'),
    measure('p90WaitDays', '90th percentile days waited so far', 'length'),
  ];
  return {
    name: 'queues-now',
    title: `Queue lengths on ${filter.to}`,
    columns,
    rows: numericRows(withoutHelpers(await db.query<Row[]>(sql, p.values)), columns),
    partitions: [],
  };
}

/**
 * The daily series from the queue snapshots the queue service takes each day. Snapshots are
 * kept per region, so an office filter narrows the series to the office's region.
 */
export async function queueSeries(
  db: Queryable,
  filter: StatisticsFilter,
  options: QueueOptions,
): Promise<StatTable> {
  const p = new SqlParams();
  const where = [
    `day BETWEEN ${p.add(filter.from, '::date')} AND ${p.add(filter.to, '::date')}`,
    ...queueFilters(options, p, 'level'),
  ];
  if (filter.regionId) where.push(`region_id = ${p.add(filter.regionId, '::uuid')}`);
  if (filter.officeId) {
    where.push(
      `region_id = (SELECT region_id FROM organisations WHERE id = ${p.add(filter.officeId, '::uuid')})`,
    );
  }
  const g = grouping(dimensions('level', 'region_id'), options.by);
  const sql = `
    WITH g AS (
      SELECT to_char(day, 'YYYY-MM-DD') AS day, ${g.select} sum(length) AS length
        FROM queue_snapshots
       WHERE ${where.join(' AND ')}
       GROUP BY day${g.groupBy.replace('GROUP BY', ',')}
    )
    SELECT ${g.names} g.* FROM g ORDER BY day${g.orderBy.replace('ORDER BY', ',')}`;
  const columns = [label('day', 'Day'), ...g.columns, people('length', 'Clients waiting')];
  return {
    name: 'queues-series',
    title: 'Queue length per day',
    columns,
    rows: numericRows(await db.query<Row[]>(sql, p.values), columns),
    partitions: [],
  };
}
