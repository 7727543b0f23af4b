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
  type Dimension,
  grouping,
  onHelsinkiDays,
  percent,
  SqlParams,
  type Queryable,
} from './sql-parts';

const DIMENSIONS: Dimension[] = [
  { by: 'month', key: 'month', title: 'Month', sql: 'month' },
  { by: 'centre', key: 'centreId', title: 'Test centre', sql: 'test_centre_id', nameKey: 'centre' },
];

const COLUMNS: Column[] = [
  quantity('sessions', 'Sessions held (not cancelled)'),
  quantity('sessionsCancelled', 'Sessions cancelled'),
  quantity('placesOffered', 'Places offered'),
  people('booked', 'Places booked'),
  people('attended', 'Attended'),
  people('noShows', 'No-shows'),
  people('unmarked', 'Attendance not yet marked'),
  rate('noShowRate', 'No-show rate %', ['noShows', 'attended']),
  people('cancelledBookings', 'Bookings cancelled'),
];

/** The client's office and region, joined only when a filter needs them. */
const CLIENT_JOINS = `JOIN clients c ON c.id = b.client_id
  JOIN organisations office ON office.id = c.office_id`;

/**
 * Sessions and places are the centre's (not people, never suppressed, and not narrowed by
 * an office or region filter); bookings are people and follow the client's office.
 */
export async function testFigures(
  db: Queryable,
  filter: StatisticsFilter,
  by: readonly string[],
): Promise<StatTable> {
  const p = new SqlParams();
  const sessionWhere = [
    onHelsinkiDays('starts_at', p.add(filter.from, '::date'), p.add(filter.to, '::date')),
  ];
  if (filter.centreId) sessionWhere.push(`test_centre_id = ${p.add(filter.centreId, '::uuid')}`);
  const bookingWhere = ['true'];
  if (filter.officeId) bookingWhere.push(`c.office_id = ${p.add(filter.officeId, '::uuid')}`);
  if (filter.regionId) bookingWhere.push(`office.region_id = ${p.add(filter.regionId, '::uuid')}`);
  const g = grouping(DIMENSIONS, by);
  const sql = `
    WITH s AS (
      SELECT id, test_centre_id, status, capacity,
             to_char(starts_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM') AS month
        FROM test_sessions WHERE ${sessionWhere.join(' AND ')}
    ),
    sessions AS (
      SELECT ${g.select}
             count(*) FILTER (WHERE status = 'scheduled') AS sessions,
             count(*) FILTER (WHERE status = 'cancelled') AS "sessionsCancelled",
             coalesce(sum(capacity) FILTER (WHERE status = 'scheduled'), 0) AS "placesOffered"
        FROM s ${g.groupBy}
    ),
    bookings AS (
      SELECT ${g.select}
             count(*) FILTER (WHERE b.status <> 'cancelled') AS booked,
             count(*) FILTER (WHERE b.status = 'attended') AS attended,
             count(*) FILTER (WHERE b.status = 'no-show') AS "noShows",
             count(*) FILTER (WHERE b.status = 'booked') AS unmarked,
             count(*) FILTER (WHERE b.status = 'cancelled') AS "cancelledBookings"
        FROM s
        JOIN test_bookings b ON b.session_id = s.id
        ${filter.officeId || filter.regionId ? CLIENT_JOINS : ''}
       WHERE ${bookingWhere.join(' AND ')}
       ${g.groupBy}
    ),
    g AS (
      SELECT sessions.*,
             coalesce(bookings.booked, 0) AS booked,
             coalesce(bookings.attended, 0) AS attended,
             coalesce(bookings."noShows", 0) AS "noShows",
             coalesce(bookings.unmarked, 0) AS unmarked,
             ${percent('bookings."noShows"', 'bookings."noShows" + bookings.attended')} AS "noShowRate",
             coalesce(bookings."cancelledBookings", 0) AS "cancelledBookings"
        FROM sessions
        LEFT JOIN bookings ON ${joinOn(
          g.columns.map((column) => column.key),
          by,
        )}
    )
    SELECT ${g.names} g.* FROM g ${g.orderBy}`;
  const columns = [...g.columns, ...COLUMNS];
  return {
    name: 'tests',
    title: 'Test sessions, bookings and attendance',
    columns,
    rows: numericRows(await db.query<Row[]>(sql, p.values), columns),
    partitions: [{ total: 'booked', parts: ['attended', 'noShows', 'unmarked'] }],
  };
}

/** Sessions and bookings meet on the chosen dimensions; with none, on their single rows. */
function joinOn(keys: string[], by: readonly string[]): string {
  const ids = keys.filter((key) => key === 'month' || key === 'centreId');
  if (by.length === 0 || ids.length === 0) return 'true';
  return ids.map((key) => `bookings."${key}" = sessions."${key}"`).join(' AND ');
}
