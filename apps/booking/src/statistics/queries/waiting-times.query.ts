import { PACES } from '@kotoportti/model';
import type { StatisticsFilter } from '../statistics-filter';
import {
  type Column,
  type Partition,
  type Row,
  type StatTable,
  measure,
  numericRows,
  people,
  rate,
} from '../stat-table';
import {
  codeOrder,
  type Dimension,
  grouping,
  helper,
  percent,
  percentileAt,
  percentiles,
  SqlParams,
  withoutHelpers,
  type Queryable,
} from './sql-parts';

export interface WaitingTimesOptions {
  by: readonly string[];
  /** Days from queue entry, ascending. */
  targets: readonly number[];
  /** The day the figures are taken on. */
  asOf: string;
}

const DIMENSIONS: Dimension[] = [
  {
    by: 'month',
    key: 'month',
    title: 'Month of queue entry',
    sql: `to_char(entry_month, 'YYYY-MM')`,
    groupOn: 'entry_month',
  },
  { by: 'pace', key: 'pace', title: 'Pace', sql: 'pace', order: codeOrder('"pace"', PACES) },
  {
    by: 'level',
    key: 'level',
    title: 'Start level',
    sql: 'start_level',
    order: 'level_rank("level")',
  },
  { by: 'region', key: 'regionId', title: 'Region', sql: 'region_id', nameKey: 'region' },
];

/**
 * Each queue entry's fate on the as-of day: placed (a seat booked), removed without a seat,
 * or still waiting. Still-waiting clients are right-censored: their wait so far is a lower
 * bound of their wait, so it is reported in columns of its own and never mixed into the
 * placed clients' percentiles. Course start is the provider's start report of the seat that
 * placed the entry (the queue service records it as `seat_id`; the database keeps the day on
 * the seat). Every measure is computed once here from plain columns (`ended_on` is stored by
 * the database too), because the figures below read each of them several times per entry.
 */
function entriesSql(filter: StatisticsFilter, asOf: string, p: SqlParams): string {
  const day = p.add(asOf, '::date');
  const where = [
    `w.waiting_since BETWEEN ${p.add(filter.from, '::date')} AND least(${p.add(filter.to, '::date')}, ${day})`,
  ];
  if (filter.regionId) where.push(`w.region_id = ${p.add(filter.regionId, '::uuid')}`);
  if (filter.officeId) where.push(`w.office_id = ${p.add(filter.officeId, '::uuid')}`);
  const byCentre = filter.centreId
    ? `JOIN test_results tr ON tr.id = w.result_id
       JOIN test_bookings tb ON tb.id = tr.booking_id
       JOIN test_sessions ts ON ts.id = tb.session_id AND ts.test_centre_id = ${p.add(filter.centreId, '::uuid')}`
    : '';
  const endedBy = (status: string) =>
    `CASE WHEN w.status = '${status}' AND w.ended_on <= ${day} THEN w.ended_on - w.waiting_since END`;
  // The course start day is kept on the seat (the first start report's day).
  return `
    fate AS (
      SELECT date_trunc('month', w.waiting_since) AS entry_month, w.pace, w.start_level, w.region_id,
             w.ended_on <= ${day} AS ended,
             ${day} - w.waiting_since AS waited,
             ${endedBy('placed')} AS days_to_seat,
             ${endedBy('removed')} AS removed_after,
             CASE WHEN w.status = 'placed' AND w.ended_on <= ${day} AND seat.started_on <= ${day}
                  THEN seat.started_on - w.waiting_since END AS days_to_start
        FROM waiting_list_entries w ${byCentre}
        LEFT JOIN seats seat ON seat.id = w.seat_id
       WHERE ${where.join(' AND ')}
    )`;
}

function targetFigures(targets: readonly number[], p: SqlParams): string {
  return targets
    .map((target) => {
      const t = p.add(target, '::int');
      const decided = `days_to_seat <= ${t} OR (waited >= ${t} AND coalesce(removed_after >= ${t}, true))`;
      return `
        count(*) FILTER (WHERE ${decided}) AS "decided${target}",
        count(*) FILTER (WHERE days_to_seat <= ${t}) AS "placedWithin${target}",
        ${percent(`count(*) FILTER (WHERE days_to_seat <= ${t})`, `count(*) FILTER (WHERE ${decided})`)} AS "pctPlacedWithin${target}",
        count(*) FILTER (WHERE NOT coalesce(days_to_seat <= ${t}, false) AND (${decided})) AS "_notPlacedWithin${target}",`;
    })
    .join('');
}

function targetColumns(targets: readonly number[]): Column[] {
  return targets.flatMap((target) => [
    people(`decided${target}`, `Clients whose ${target}-day outcome is known`),
    people(`placedWithin${target}`, `Placed within ${target} days`),
    rate(`pctPlacedWithin${target}`, `% placed within ${target} days`, [
      `placedWithin${target}`,
      `decided${target}`,
    ]),
  ]);
}

/** Nested counts (placed within 30 ⊂ within 90 ⊂ placed) differ by a figure that must be protected too. */
function targetPartitions(targets: readonly number[]): Partition[] {
  const nested = targets.map((target, i) => ({
    total: `placedWithin${target}`,
    parts:
      i === 0 ? [] : [`placedWithin${targets[i - 1]}`, `_placedWithin${targets[i - 1]}to${target}`],
  }));
  const last = targets[targets.length - 1];
  return [
    ...nested.filter((partition) => partition.parts.length > 0),
    { total: 'placed', parts: [`placedWithin${last}`, `_placedAfter${last}`] },
    ...targets.map((target) => ({
      total: `decided${target}`,
      parts: [`placedWithin${target}`, `_notPlacedWithin${target}`],
    })),
  ];
}

/** The unpublished differences the partitions above refer to. */
function differences(row: Row, targets: readonly number[]): Row {
  const n = (key: string) => Number(row[key] ?? 0);
  const out: Row = { ...row };
  targets.forEach((target, i) => {
    if (i > 0) {
      const before = targets[i - 1];
      out[`_placedWithin${before}to${target}`] =
        n(`placedWithin${target}`) - n(`placedWithin${before}`);
    }
  });
  const last = targets[targets.length - 1];
  out[`_placedAfter${last}`] = n('placed') - n(`placedWithin${last}`);
  return out;
}

const FIGURE_COLUMNS: Column[] = [
  people('entered', 'Entered the queue'),
  people('placed', 'Placed (seat booked)'),
  people('removed', 'Left the queue without a seat'),
  people('stillWaiting', 'Still waiting (censored)'),
  measure('medianDaysToSeat', 'Median days to seat booked', 'placed'),
  measure('p90DaysToSeat', '90th percentile days to seat booked', 'placed'),
  people('started', 'Started a course'),
  people('awaitingStart', 'Placed, course not started yet'),
  measure('medianDaysToStart', 'Median days to course start', 'started'),
  measure('p90DaysToStart', '90th percentile days to course start', 'started'),
  measure('medianDaysWaitingSoFar', 'Still waiting: median days so far', 'stillWaiting'),
  measure('p90DaysWaitingSoFar', 'Still waiting: 90th percentile days so far', 'stillWaiting'),
];

export async function waitingTimes(
  db: Queryable,
  filter: StatisticsFilter,
  options: WaitingTimesOptions,
): Promise<StatTable> {
  const p = new SqlParams();
  const g = grouping(DIMENSIONS, options.by);
  const sql = `
    WITH ${entriesSql(filter, options.asOf, p)},
    g AS (
      SELECT ${g.select}
             count(*) AS entered,
             count(days_to_seat) AS placed,
             count(removed_after) AS removed,
             count(*) FILTER (WHERE ended IS NOT TRUE) AS "stillWaiting",
             ${percentiles('days_to_seat')} AS ${helper('toSeat')},
             count(days_to_start) AS started,
             count(days_to_seat) - count(days_to_start) AS "awaitingStart",
             ${percentiles('days_to_start')} AS ${helper('toStart')},
             ${targetFigures(options.targets, p)}
             ${percentiles('waited', 'ended IS NOT TRUE')} AS ${helper('soFar')}
        FROM fate ${g.groupBy}
    )
    SELECT ${g.names} g.*,
           ${percentileAt(`g.${helper('toSeat')}`, 1)} AS "medianDaysToSeat",
           ${percentileAt(`g.${helper('toSeat')}`, 2)} AS "p90DaysToSeat",
           ${percentileAt(`g.${helper('toStart')}`, 1)} AS "medianDaysToStart",
           ${percentileAt(`g.${helper('toStart')}`, 2)} AS "p90DaysToStart",
           ${percentileAt(`g.${helper('soFar')}`, 1)} AS "medianDaysWaitingSoFar",
           ${percentileAt(`g.${helper('soFar')}`, 2)} AS "p90DaysWaitingSoFar"
      FROM g ${g.orderBy}`;
  const columns = [...g.columns, ...FIGURE_COLUMNS, ...targetColumns(options.targets)];
  const rows = numericRows(withoutHelpers(await db.query<Row[]>(sql, p.values)), columns);
  return {
    name: 'waiting-times',
    title: 'Waiting times from queue entry',
    columns,
    rows: rows.map((row) => differences(row, options.targets)),
    partitions: [
      { total: 'entered', parts: ['placed', 'removed', 'stillWaiting'] },
      { total: 'placed', parts: ['started', 'awaitingStart'] },
      ...targetPartitions(options.targets),
    ],
  };
}
