import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, NotFound } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { organisationScope } from '../courses/organisation-scope';
import { reportsOfSeats, type ReportEntry } from '../seats/report-entries';
import {
  CLIENT_SQL,
  CONSENTS_SQL,
  SEATS_SQL,
  TESTS_SQL,
  WAITING_LIST_SQL,
} from './client-path.queries';

type Row = Record<string, unknown>;

export interface ClientPath {
  client: Row;
  consents: Row[];
  /** Test bookings, each with its session and every version of its result. */
  tests: Row[];
  /** The newest current result's start level, the one seat bookings are checked against. */
  startLevel: string | null;
  waitingList: Row[];
  /** Seats, each with its course and every report: who sent it, when. */
  seats: Array<Row & { reports: ReportEntry[] }>;
}

interface ResultRow {
  isCurrent: boolean;
  startLevel: string;
  enteredAt: string;
}

/** An official's view of one client's whole way: tests, results, queue, seats, reports. */
@Injectable()
export class ClientPathService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, clientId: string, requestId?: string): Promise<ClientPath> {
    const [client] = await this.db.query<Row[]>(CLIENT_SQL, [clientId]);
    const scope = organisationScope(actor);
    if (!client || (scope !== null && client.officeId !== scope)) throw new NotFound('Client');
    const [consents, tests, waitingList, seats] = await Promise.all(
      [CONSENTS_SQL, TESTS_SQL, WAITING_LIST_SQL, SEATS_SQL].map((sql) =>
        this.db.query<Row[]>(sql, [clientId]),
      ),
    );
    const reports = await reportsOfSeats(
      this.db,
      seats.map((seat) => seat.id as string),
    );
    await this.audit.record({
      actor,
      action: 'client-path.read',
      entityType: 'client',
      entityId: clientId,
      clientId,
      requestId,
    });
    return {
      client,
      consents,
      tests,
      startLevel: latestStartLevel(tests),
      waitingList,
      seats: seats.map((seat) => ({
        ...seat,
        reports: reports.get(seat.id as string) ?? [],
      })),
    };
  }
}

function latestStartLevel(tests: Row[]): string | null {
  const current = tests
    .flatMap((test) => test.results as ResultRow[])
    .filter((result) => result.isCurrent)
    .sort((a, b) => Date.parse(b.enteredAt) - Date.parse(a.enteredAt));
  return current[0]?.startLevel ?? null;
}
