import type { OrganisationKind } from '@kotoportti/model';
import { Actor, FieldProblem, Forbidden, InvalidInput, NotFound } from '@kotoportti/platform';
import type { DataSource } from 'typeorm';
import {
  daysBetween,
  helsinkiToday,
  monthStartBefore,
  type StatisticsFilter,
} from './statistics-filter';

/** Five years: a planner's longest look back; longer ranges only cost the database. */
const MAX_RANGE_DAYS = 5 * 366;

export interface FilterQuery {
  from?: string;
  to?: string;
  region?: string;
  office?: string;
  centre?: string;
  provider?: string;
}

type FilterField = 'region' | 'office' | 'centre' | 'provider';

const KIND_OF: Record<FilterField, { kind: OrganisationKind; what: string }> = {
  region: { kind: 'region', what: 'region' },
  office: { kind: 'employment-office', what: 'employment office' },
  centre: { kind: 'test-centre', what: 'test centre' },
  provider: { kind: 'course-provider', what: 'course provider' },
};

/**
 * How far an official sees. SPEC §1 gives an official its own office's clients; statistics
 * are aggregates, so an official gets the figures of its own office. Queues are the one
 * exception: a client queues in the region's queue (§3.5), shared by every office of the
 * region, and GET /api/waiting-lists already shows officials the regional queue figures.
 */
export type OfficialReach = 'office' | 'region';

function dateRange(query: FilterQuery): { from: string; to: string } {
  const to = query.to ?? helsinkiToday();
  const from = query.from ?? monthStartBefore(to, 11);
  if (from > to) throw InvalidInput.field('from', 'from must not be after to (default: today)');
  if (daysBetween(from, to) > MAX_RANGE_DAYS) {
    throw InvalidInput.field('from', 'from and to may be at most five years apart');
  }
  return { from, to };
}

/** Every organisation filter must name an organisation of the right kind: 400 otherwise. */
async function checkFilters(db: DataSource, query: FilterQuery): Promise<void> {
  const given = (Object.keys(KIND_OF) as FilterField[]).filter((field) => query[field]);
  if (given.length === 0) return;
  const rows: Array<{ id: string; kind: string }> = await db.query(
    `SELECT id, kind FROM organisations WHERE id = ANY($1::uuid[])`,
    [given.map((field) => query[field])],
  );
  const problems: FieldProblem[] = given
    .filter(
      (field) => !rows.some((row) => row.id === query[field] && row.kind === KIND_OF[field].kind),
    )
    .map((field) => ({ field, problems: [`${field} must be the id of a ${KIND_OF[field].what}`] }));
  if (problems.length > 0) throw new InvalidInput(problems);
}

async function officeRegion(db: DataSource, officeId: string): Promise<string> {
  const rows: Array<{ region_id: string | null; kind: string }> = await db.query(
    `SELECT region_id, kind FROM organisations WHERE id = $1`,
    [officeId],
  );
  const regionId = rows[0]?.kind === 'employment-office' ? rows[0].region_id : null;
  if (!regionId) throw new Forbidden('Statistics are for employment offices and regions');
  return regionId;
}

/**
 * The filter a request may run with: defaults filled in, organisations checked, and an
 * official held to its own office (or region, for queues). Asking for another office or
 * region answers 404, as for any record outside one's organisation (SPEC §1).
 */
export async function resolveFilter(
  db: DataSource,
  actor: Actor,
  query: FilterQuery,
  officialReach: OfficialReach,
): Promise<StatisticsFilter> {
  const range = dateRange(query);
  await checkFilters(db, query);
  const filter: StatisticsFilter = {
    ...range,
    regionId: query.region ?? null,
    officeId: query.office ?? null,
    centreId: query.centre ?? null,
    providerId: query.provider ?? null,
  };
  if (actor.role !== 'official') return filter;
  if (!actor.organisationId) throw new Forbidden('You belong to no organisation');
  const ownOffice = actor.organisationId;
  const ownRegion = await officeRegion(db, ownOffice);
  if (query.office && query.office !== ownOffice) throw new NotFound('Office');
  if (query.region && query.region !== ownRegion) throw new NotFound('Region');
  return officialReach === 'office'
    ? { ...filter, officeId: ownOffice }
    : { ...filter, regionId: ownRegion };
}
