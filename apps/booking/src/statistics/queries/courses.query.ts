import { DROPOUT_REASONS, FOLLOW_UP_OUTCOMES, LEVELS, PACES } from '@kotoportti/model';
import type { StatisticsFilter } from '../statistics-filter';
import {
  type Column,
  type Row,
  type StatTable,
  numericRows,
  people,
  quantity,
  rate,
} from '../stat-table';
import {
  codeOrder,
  type Dimension,
  grouping,
  percent,
  SqlParams,
  type Queryable,
} from './sql-parts';

const DIMENSIONS: Dimension[] = [
  { by: 'month', key: 'month', title: 'Month the course starts', sql: 'month' },
  { by: 'provider', key: 'providerId', title: 'Provider', sql: 'provider_id', nameKey: 'provider' },
  { by: 'pace', key: 'pace', title: 'Pace', sql: 'pace', order: codeOrder('"pace"', PACES) },
];

const countOf = (column: string, prefix: string, code: string) =>
  `count(*) FILTER (WHERE ${column} = '${code}') AS "${prefix}.${code}"`;

const COLUMNS: Column[] = [
  quantity('seatsOffered', 'Seats offered'),
  people('seatsTaken', 'Seats taken'),
  rate('fillRate', 'Fill rate %', ['seatsTaken']),
  people('reserved', 'Reserved, not started yet'),
  people('noShows', 'Did not come'),
  people('starts', 'Started'),
  people('studying', 'Still studying'),
  people('dropouts', 'Dropped out'),
  people('completions', 'Completed'),
  people('followUps', 'Follow-up plans'),
  ...DROPOUT_REASONS.map((reason) => people(`dropout.${reason}`, `Dropout: ${reason}`)),
  ...LEVELS.map((level) => people(`levelReached.${level}`, `Completed at ${level}`)),
  ...FOLLOW_UP_OUTCOMES.map((outcome) => people(`followUp.${outcome}`, `Follow-up: ${outcome}`)),
];

/**
 * A seat's story in one row: its status and what its latest dropout, completion (the level
 * reached) and follow-up reports say, which the database keeps on the seat (migration
 * 1763900010000). Seats follow the client's office.
 */
function seatsSql(filter: StatisticsFilter, p: SqlParams): string {
  const byOffice = filter.officeId
    ? `JOIN clients cl ON cl.id = s.client_id AND cl.office_id = ${p.add(filter.officeId, '::uuid')}`
    : '';
  return `
    SELECT co.month, co.provider_id, co.pace, s.status, s.dropout_reason AS reason,
           s.follow_up_outcome AS outcome, s.completion_level AS level
      FROM course co
      JOIN seats s ON s.course_id = co.id ${byOffice}
     WHERE s.status <> 'cancelled'`;
}

function coursesSql(filter: StatisticsFilter, p: SqlParams): string {
  const where = [
    `status = 'published'`,
    `starts_on BETWEEN ${p.add(filter.from, '::date')} AND ${p.add(filter.to, '::date')}`,
  ];
  if (filter.providerId) where.push(`provider_id = ${p.add(filter.providerId, '::uuid')}`);
  if (filter.regionId) where.push(`region_id = ${p.add(filter.regionId, '::uuid')}`);
  return `SELECT id, provider_id, pace, seats, to_char(starts_on, 'YYYY-MM') AS month
            FROM courses WHERE ${where.join(' AND ')}`;
}

/**
 * Seats, starts, dropouts, completions and follow-up plans of the courses starting in the
 * range, each counted against the month its course starts (a cohort view: a dropout in
 * May of a course that started in March counts in March). The region is the course's.
 * With an office filter the seats are only that office's clients', so a fill rate would
 * compare them with seats no office owns: it is left empty.
 */
export async function courseFigures(
  db: Queryable,
  filter: StatisticsFilter,
  by: readonly string[],
): Promise<StatTable> {
  const p = new SqlParams();
  const g = grouping(DIMENSIONS, by);
  const chosenKeys = g.columns
    .map((c) => c.key)
    .filter((k) => ['month', 'providerId', 'pace'].includes(k));
  const joinOn = chosenKeys.length
    ? chosenKeys.map((key) => `taken."${key}" = offered."${key}"`).join(' AND ')
    : 'true';
  const sql = `
    WITH course AS NOT MATERIALIZED (${coursesSql(filter, p)}),
    seat AS (${seatsSql(filter, p)}),
    offered AS (
      SELECT ${g.select} sum(seats) AS "seatsOffered" FROM course ${g.groupBy}
    ),
    taken AS (
      SELECT ${g.select}
             count(*) FILTER (WHERE status IN ('reserved', 'started', 'completed', 'dropped-out')) AS "seatsTaken",
             count(*) FILTER (WHERE status = 'reserved') AS reserved,
             count(*) FILTER (WHERE status = 'no-show') AS "noShows",
             count(*) FILTER (WHERE status IN ('started', 'completed', 'dropped-out')) AS starts,
             count(*) FILTER (WHERE status = 'started') AS studying,
             count(*) FILTER (WHERE status = 'dropped-out') AS dropouts,
             count(*) FILTER (WHERE status = 'completed') AS completions,
             count(outcome) AS "followUps",
             ${DROPOUT_REASONS.map((r) => countOf("CASE WHEN status = 'dropped-out' THEN reason END", 'dropout', r)).join(',\n')},
             ${LEVELS.map((l) => countOf("CASE WHEN status = 'completed' THEN level END", 'levelReached', l)).join(',\n')},
             ${FOLLOW_UP_OUTCOMES.map((o) => countOf('outcome', 'followUp', o)).join(',\n')}
        FROM seat ${g.groupBy}
    ),
    g AS (
      SELECT offered.*, ${COLUMNS.filter((c) => c.key !== 'seatsOffered' && c.key !== 'fillRate')
        .map((c) => `coalesce(taken."${c.key}", 0) AS "${c.key}"`)
        .join(', ')},
             ${filter.officeId ? 'NULL::numeric' : percent('coalesce(taken."seatsTaken", 0)', 'offered."seatsOffered"')} AS "fillRate"
        FROM offered LEFT JOIN taken ON ${joinOn}
    )
    SELECT ${g.names} g.* FROM g ${g.orderBy}`;
  const columns = [...g.columns, ...COLUMNS];
  return {
    name: 'courses',
    title: 'Course seats, starts, dropouts, completions and follow-up plans',
    columns,
    rows: numericRows(await db.query<Row[]>(sql, p.values), columns),
    partitions: [
      { total: 'seatsTaken', parts: ['reserved', 'starts'] },
      { total: 'starts', parts: ['studying', 'dropouts', 'completions'] },
      { total: 'dropouts', parts: DROPOUT_REASONS.map((r) => `dropout.${r}`) },
      { total: 'completions', parts: LEVELS.map((l) => `levelReached.${l}`) },
      { total: 'followUps', parts: FOLLOW_UP_OUTCOMES.map((o) => `followUp.${o}`) },
    ],
  };
}
