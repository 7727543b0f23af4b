import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import {
  CONSTRAINTS,
  Client,
  ENTITIES,
  LEVELS,
  MIGRATIONS,
  PG_ERRORS,
  levelRank,
  modelDataSourceOptions,
  pgErrorCode,
  runMigrationsUnderLock,
  violatedConstraint,
} from './index';

// Each describe gets its own scratch database on the test server, dropped afterwards.
const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432');

function urlOf(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const admin = new PgClient({ connectionString: urlOf('postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function createScratchDatabase(): Promise<string> {
  const name = `kotoportti_model_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return name;
}

async function dropScratchDatabase(name: string): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function connect(database: string): Promise<DataSource> {
  return new DataSource(modelDataSourceOptions(urlOf(database))).initialize();
}

/** Resolves to the error a query failed with; undefined (and so a failed expectation) if it passed. */
async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function expectViolation(work: Promise<unknown>, code: string, constraint?: string) {
  const error = await failureOf(work);
  expect(pgErrorCode(error)).toBe(code);
  if (constraint) expect(violatedConstraint(error)).toBe(constraint);
}

async function tablesOf(db: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

interface World {
  userId: string;
  officeId: string;
  centreId: string;
  providerId: string;
  clientId: string;
  otherClientId: string;
}

async function insertOne(db: DataSource, sql: string, params: unknown[]): Promise<string> {
  const rows: { id: string }[] = await db.query(`${sql} RETURNING id`, params);
  return rows[0].id;
}

/** The least data every constraint test needs: organisations, an official, two clients. */
async function buildWorld(db: DataSource): Promise<World> {
  const org = (kind: string, regionId: string | null) =>
    insertOne(db, `INSERT INTO organisations (kind, name, region_id) VALUES ($1, $2, $3)`, [
      kind,
      `${kind} one`,
      regionId,
    ]);
  const regionId = await org('region', null);
  const officeId = await org('employment-office', regionId);
  const centreId = await org('test-centre', null);
  const providerId = await org('course-provider', null);
  const userId = await insertOne(
    db,
    `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
      VALUES ('Official', 'x', 'An Official', 'official', $1)`,
    [officeId],
  );
  const client = (lastName: string) =>
    insertOne(
      db,
      `INSERT INTO clients (office_id, first_name, last_name, birth_date, native_language,
         letter_language, target_language, created_by)
       VALUES ($1, 'Amina', $2, '1990-05-17', 'so', 'so', 'fi', $3)`,
      [officeId, lastName, userId],
    );
  return {
    userId,
    officeId,
    centreId,
    providerId,
    clientId: await client('Hassan'),
    otherClientId: await client('Warsame'),
  };
}

function insertSession(
  db: DataSource,
  world: World,
  times: { startsAt: string; endsAt: string },
  extra: { location?: string; capacity?: number; bookedCount?: number } = {},
) {
  return insertOne(
    db,
    `INSERT INTO test_sessions (test_centre_id, kind, target_language, starts_at, ends_at,
       location, address, capacity, booked_count, created_by)
     VALUES ($1, 'initial', 'fi', $2, $3, $4, 'Testikatu 1, Helsinki', $5, $6, $7)`,
    [
      world.centreId,
      times.startsAt,
      times.endsAt,
      extra.location ?? 'Room 1',
      extra.capacity ?? 10,
      extra.bookedCount ?? 0,
      world.userId,
    ],
  );
}

function insertBooking(
  db: DataSource,
  world: World,
  sessionId: string,
  booking: { kind?: string; startsAt: string; endsAt: string; clientId?: string },
) {
  return insertOne(
    db,
    `INSERT INTO test_bookings (session_id, client_id, kind, starts_at, ends_at, booked_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      sessionId,
      booking.clientId ?? world.clientId,
      booking.kind ?? 'initial',
      booking.startsAt,
      booking.endsAt,
      world.userId,
    ],
  );
}

const monday = { startsAt: '2030-01-07T09:00:00+02:00', endsAt: '2030-01-07T12:00:00+02:00' };
const mondayLate = { startsAt: '2030-01-07T11:00:00+02:00', endsAt: '2030-01-07T13:00:00+02:00' };
const tuesday = { startsAt: '2030-01-08T09:00:00+02:00', endsAt: '2030-01-08T12:00:00+02:00' };

describe('migrations applied from empty', () => {
  let database: string;
  let db: DataSource;
  let world: World;
  let appliedPerRunner: number[];

  beforeAll(async () => {
    database = await createScratchDatabase();
    // Three services starting together: the advisory lock must let only one apply them.
    const runners = await Promise.all([connect(database), connect(database), connect(database)]);
    const applied = await Promise.all(runners.map((runner) => runMigrationsUnderLock(runner)));
    appliedPerRunner = applied.map((migrations) => migrations.length).sort();
    await Promise.all(runners.map((runner) => runner.destroy()));
    db = await connect(database);
    world = await buildWorld(db);
  });

  afterAll(async () => {
    await db?.destroy();
    if (database) await dropScratchDatabase(database);
  });

  it('applies every migration once when three services start together', async () => {
    expect(appliedPerRunner).toEqual([0, 0, MIGRATIONS.length]);
    const rows: unknown[] = await db.query('SELECT name FROM migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('creates a table for every entity, with every column the entity maps', async () => {
    const tables = await tablesOf(db);
    for (const entity of ENTITIES) {
      const metadata = db.getMetadata(entity);
      expect(tables).toContain(metadata.tableName);
      const rows: { column_name: string }[] = await db.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1`,
        [metadata.tableName],
      );
      const columns = rows.map((row) => row.column_name).sort();
      const mapped = [...new Set(metadata.columns.map((column) => column.databaseName))].sort();
      expect({ table: metadata.tableName, columns }).toEqual({
        table: metadata.tableName,
        columns: mapped,
      });
    }
    expect(tables).toHaveLength(ENTITIES.length);
  });

  it('ranks levels in SQL exactly as levelRank does in TypeScript', async () => {
    for (const level of LEVELS) {
      const [row]: { rank: number }[] = await db.query('SELECT level_rank($1) AS rank', [level]);
      expect({ level, rank: row.rank }).toEqual({ level, rank: levelRank(level) });
    }
  });

  it('refuses an employment office without a region', async () => {
    await expectViolation(
      db.query(
        `INSERT INTO organisations (kind, name) VALUES ('employment-office', 'Lost office')`,
      ),
      PG_ERRORS.checkViolation,
      'organisations_office_has_region',
    );
  });

  it('refuses a username that differs from another only by case', async () => {
    await expectViolation(
      db.query(
        `INSERT INTO users (username, password_hash, display_name, role, organisation_id)
         VALUES ('OFFICIAL', 'x', 'Twin', 'official', $1)`,
        [world.officeId],
      ),
      PG_ERRORS.uniqueViolation,
      CONSTRAINTS.usernameUnique,
    );
  });

  it('refuses an identity code already held by a client under another century sign', async () => {
    const clientWithCode = (code: string) =>
      db.query(
        `INSERT INTO clients (office_id, first_name, last_name, birth_date, personal_identity_code,
           native_language, letter_language, target_language, created_by)
         VALUES ($1, 'Aino', 'Koski', '1952-10-13', $2, 'fi', 'fi', 'sv', $3)`,
        [world.officeId, code, world.userId],
      );
    await clientWithCode('131052-308T');
    for (const sameCode of ['131052-308T', '131052Y308T', '131052U308T']) {
      await expectViolation(
        clientWithCode(sameCode),
        PG_ERRORS.uniqueViolation,
        CONSTRAINTS.personalIdentityCodeUnique,
      );
    }
    // The 1800s sign is another century, so another person.
    await clientWithCode('131052+308T');
    const stored: { code: string }[] = await db.query(
      `SELECT personal_identity_code AS code FROM clients
        WHERE personal_identity_code IS NOT NULL ORDER BY 1`,
    );
    expect(stored.map((row) => row.code)).toEqual(['131052+308T', '131052-308T']);
  });

  it('refuses a session booked beyond its capacity', async () => {
    await expectViolation(
      insertSession(db, world, tuesday, { location: 'Room 9', capacity: 2, bookedCount: 3 }),
      PG_ERRORS.checkViolation,
      CONSTRAINTS.sessionBookedWithinCapacity,
    );
  });

  it('refuses a session with capacity 0', async () => {
    await expectViolation(
      insertSession(db, world, tuesday, { location: 'Room 9', capacity: 0 }),
      PG_ERRORS.checkViolation,
      'test_sessions_capacity_range',
    );
  });

  it('refuses overlapping scheduled sessions in the same room, but not once one is cancelled', async () => {
    const first = await insertSession(db, world, monday, { location: 'Room 2' });
    await expectViolation(
      insertSession(db, world, mondayLate, { location: 'Room 2' }),
      PG_ERRORS.exclusionViolation,
      CONSTRAINTS.sessionNoOverlapInRoom,
    );
    await insertSession(db, world, mondayLate, { location: 'Room 3' });
    await db.query(`UPDATE test_sessions SET status = 'cancelled' WHERE id = $1`, [first]);
    await insertSession(db, world, mondayLate, { location: 'Room 2' });
  });

  it('refuses a second active test booking of the same kind, but not after cancelling', async () => {
    const sessionA = await insertSession(db, world, monday, { location: 'Room 4' });
    const sessionB = await insertSession(db, world, tuesday, { location: 'Room 4' });
    const first = await insertBooking(db, world, sessionA, monday);
    await expectViolation(
      insertBooking(db, world, sessionB, tuesday),
      PG_ERRORS.uniqueViolation,
      CONSTRAINTS.oneActiveTestBookingPerKind,
    );
    await db.query(`UPDATE test_bookings SET status = 'cancelled' WHERE id = $1`, [first]);
    await insertBooking(db, world, sessionB, tuesday);
  });

  it('refuses two bookings of one client whose times overlap', async () => {
    const session = await insertSession(db, world, monday, { location: 'Room 5' });
    const other = await insertSession(db, world, mondayLate, { location: 'Room 6' });
    const clientId = world.otherClientId;
    await insertBooking(db, world, session, { ...monday, clientId });
    await expectViolation(
      insertBooking(db, world, other, { ...mondayLate, kind: 'literacy', clientId }),
      PG_ERRORS.exclusionViolation,
      CONSTRAINTS.testBookingsNoOverlap,
    );
  });

  it('refuses a result with an unknown level code', async () => {
    const session = await insertSession(db, world, tuesday, { location: 'Room 7' });
    const bookingId = await insertBooking(db, world, session, {
      ...tuesday,
      kind: 'retest',
      clientId: world.otherClientId,
    });
    const insertResult = (listening: string) =>
      db.query(
        `INSERT INTO test_results (booking_id, client_id, listening, speaking, reading, writing,
           literacy, start_level, pace, recommendation, entered_by)
         VALUES ($1, $2, $3, 'A1.2', 'A1.1', 'A1.1', 'literate-latin', 'A1.1', 'basic', '', $4)`,
        [bookingId, world.otherClientId, listening, world.userId],
      );
    await expectViolation(
      insertResult('B3.1'),
      PG_ERRORS.checkViolation,
      'test_results_listening_check',
    );
    await insertResult('A2.1');
  });

  it('refuses a course whose lowest accepted level is above its highest', async () => {
    const insertCourse = (minLevel: string, maxLevel: string) =>
      db.query(
        `INSERT INTO courses (provider_id, name, target_language, pace, min_level, max_level,
           starts_on, ends_on, schedule, location, address, seats, created_by)
         VALUES ($1, 'Suomi 1', 'fi', 'basic', $2, $3, '2030-02-01', '2030-06-30',
           'Mon-Thu 9-13', 'Room A', 'Opintie 2', 16, $4) RETURNING id`,
        [world.providerId, minLevel, maxLevel, world.userId],
      );
    // 'below-A1.1' sorts after 'A2.2' as a string: the rank must decide, not the text.
    await insertCourse('below-A1.1', 'A2.2');
    await expectViolation(
      insertCourse('A2.2', 'below-A1.1'),
      PG_ERRORS.checkViolation,
      CONSTRAINTS.courseLevelRangeInOrder,
    );
  });

  /** A course of the world's provider for A1.1–A1.3, 12 seats. */
  async function newCourse(name: string): Promise<string> {
    const [course]: { id: string }[] = await db.query(
      `INSERT INTO courses (provider_id, name, target_language, pace, min_level, max_level,
         starts_on, ends_on, schedule, location, address, seats, created_by)
       VALUES ($1, $3, 'fi', 'slow', 'A1.1', 'A1.3', '2030-02-01', '2030-06-30',
         'Mon-Fri 9-12', 'Room B', 'Opintie 2', 12, $2) RETURNING id`,
      [world.providerId, world.userId, name],
    );
    return course.id;
  }

  it('refuses a second seat for a client on one course unless the first was cancelled', async () => {
    const courseId = await newCourse('Suomi 2');
    const seat = () =>
      insertOne(db, `INSERT INTO seats (course_id, client_id, booked_by) VALUES ($1, $2, $3)`, [
        courseId,
        world.clientId,
        world.userId,
      ]);
    const first = await seat();
    await expectViolation(seat(), PG_ERRORS.uniqueViolation, CONSTRAINTS.oneSeatPerClientAndCourse);
    await db.query(`UPDATE seats SET status = 'cancelled' WHERE id = $1`, [first]);
    await seat();
  });

  it('moves a seat only as SEAT_TRANSITIONS allows, whatever statement changes it', async () => {
    const courseId = await newCourse('Suomi 4');
    const seatId = await insertOne(
      db,
      `INSERT INTO seats (course_id, client_id, booked_by) VALUES ($1, $2, $3)`,
      [courseId, world.clientId, world.userId],
    );
    const moveTo = (status: string) =>
      db.query(`UPDATE seats SET status = $2 WHERE id = $1`, [seatId, status]);
    const refused = (status: string) =>
      expectViolation(moveTo(status), PG_ERRORS.checkViolation, CONSTRAINTS.seatStatusMoves);
    // No dropout or completion before a start.
    await refused('dropped-out');
    await refused('completed');
    await moveTo('started');
    await moveTo('completed');
    // Nothing after an end, not even back to where it was.
    await refused('dropped-out');
    await refused('reserved');
    // Changing anything else on an ended seat is still allowed.
    await db.query(`UPDATE seats SET level_override_reason = 'Checked' WHERE id = $1`, [seatId]);
    const [{ status }] = await db.query(`SELECT status FROM seats WHERE id = $1`, [seatId]);
    expect(status).toBe('completed');
  });

  it('keeps on each seat what its latest dropout, completion and follow-up reports say', async () => {
    const courseId = await newCourse('Suomi 3');
    const seatId = await insertOne(
      db,
      `INSERT INTO seats (course_id, client_id, booked_by, status) VALUES ($1, $2, $3, 'cancelled')`,
      [courseId, world.clientId, world.userId],
    );
    const outcome = async () =>
      (
        await db.query(
          `SELECT started_on, dropout_reason, completion_level, follow_up_outcome
             FROM seats WHERE id = $1`,
          [seatId],
        )
      )[0];
    const report = (sql: string) =>
      db.query(
        `INSERT INTO seat_reports (seat_id, kind, report_date, dropout_reason, levels, outcome,
           reported_by, reported_at)
         SELECT $1, kind, at::date, reason, levels::jsonb, outcome, $2, at::timestamptz
           FROM (VALUES ${sql}) AS r (kind, reason, levels, outcome, at)`,
        [seatId, world.userId],
      );
    // One statement with two dropout reports: the one reported later counts, in any order.
    await report(
      `('dropout', 'moved-away', NULL, NULL, '2030-03-02'), ('dropout', 'employment', NULL, NULL, '2030-03-01')`,
    );
    expect(await outcome()).toEqual({
      started_on: null,
      dropout_reason: 'moved-away',
      completion_level: null,
      follow_up_outcome: null,
    });
    // A later statement: a correction, a completion (its lowest skill), a follow-up plan,
    // and two start reports: the first day counts.
    await report(
      `('start', NULL, NULL, NULL, '2030-02-05'), ('start', NULL, NULL, NULL, '2030-02-02'),
       ('dropout', 'health', NULL, NULL, '2030-03-03'),
       ('completion', NULL, '{"listening":"B1.1","speaking":"A2.2","reading":"B1.2","writing":"A2.1"}', NULL, '2030-06-30'),
       ('follow-up', NULL, NULL, 'employment', '2030-07-01')`,
    );
    expect(await outcome()).toEqual({
      started_on: '2030-02-02',
      dropout_reason: 'health',
      completion_level: 'A2.1',
      follow_up_outcome: 'employment',
    });
    // An older report arriving late changes nothing.
    await report(`('follow-up', NULL, NULL, 'other-studies', '2030-06-01')`);
    expect((await outcome()).follow_up_outcome).toBe('employment');
  });

  it('refuses to change or delete audit events', async () => {
    const [event]: { id: string }[] = await db.query(
      `INSERT INTO audit_events (action, entity_type, entity_id)
       VALUES ('client.read', 'client', $1) RETURNING id`,
      [world.clientId],
    );
    const refused = '42501';
    await expectViolation(
      db.query(`UPDATE audit_events SET action = 'nothing' WHERE id = $1`, [event.id]),
      refused,
    );
    await expectViolation(db.query(`DELETE FROM audit_events WHERE id = $1`, [event.id]), refused);
    const rows: { action: string }[] = await db.query(`SELECT action FROM audit_events`);
    expect(rows).toEqual([{ action: 'client.read' }]);
  });

  it('reads calendar days back as YYYY-MM-DD through the entities', async () => {
    const client = await db.getRepository(Client).findOneByOrFail({ id: world.clientId });
    expect(client.birthDate).toBe('1990-05-17');
    expect(client.createdAt).toBeInstanceOf(Date);
  });

  it('throws on an undefined value in a where instead of matching every row', async () => {
    const error = await failureOf(db.getRepository(Client).findOneBy({ id: undefined }));
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/undefined value/i);
  });
});

describe('migrations reverted', () => {
  let database: string;
  let db: DataSource;

  beforeAll(async () => {
    database = await createScratchDatabase();
    db = await connect(database);
    await runMigrationsUnderLock(db);
  });

  afterAll(async () => {
    await db?.destroy();
    if (database) await dropScratchDatabase(database);
  });

  it('leave no table, function or extension of the model behind, and apply again', async () => {
    expect(await tablesOf(db)).toHaveLength(ENTITIES.length);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });

    expect(await tablesOf(db)).toEqual([]);
    const functions: unknown[] = await db.query(
      `SELECT proname FROM pg_proc WHERE proname IN ('level_rank', 'audit_events_refuse_change')`,
    );
    expect(functions).toEqual([]);
    const extensions: unknown[] = await db.query(
      `SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'btree_gist')`,
    );
    expect(extensions).toEqual([]);

    expect(await runMigrationsUnderLock(db)).toHaveLength(MIGRATIONS.length);
    expect(await tablesOf(db)).toHaveLength(ENTITIES.length);
  });
});
