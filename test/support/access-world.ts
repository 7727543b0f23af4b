import type { Role } from '@kotoportti/model';
import { registerClient } from './clients';
import { recordConsent } from './consents';
import { daysFromToday, publishCourse, seatFor } from './courses';
import { createOrganisation, createUser, login } from './factories';
import { liveEntry, resultBody, settle } from './queue';
import { recordResult } from './results';
import { bearer, book, createSession, moveSessionToPast } from './test-bookings';
import type { TestApp } from './test-app';

export type OrgRole = Exclude<Role, 'admin'>;
export const ORG_ROLES: OrgRole[] = ['official', 'tester', 'provider', 'analyst'];

/**
 * One of two look-alike worlds: a region with an office, a test centre and a provider, a
 * user of each role, and records that link them (the office's client booked into the
 * centre's session, seated on the provider's course). Each role's own records are its
 * world's; the other world's are another organisation of the same kind.
 */
export interface World {
  name: 'A' | 'B';
  regionId: string;
  officeId: string;
  centreId: string;
  providerId: string;
  users: Record<OrgRole, { id: string; username: string; token: string }>;
}

export async function createWorld(t: TestApp, name: 'A' | 'B'): Promise<World> {
  const regionId = await createOrganisation(t.db, 'region');
  const officeId = await createOrganisation(t.db, 'employment-office', { regionId });
  const centreId = await createOrganisation(t.db, 'test-centre');
  const providerId = await createOrganisation(t.db, 'course-provider');
  const orgOf: Record<OrgRole, string> = {
    official: officeId,
    tester: centreId,
    provider: providerId,
    analyst: regionId,
  };
  const users = {} as World['users'];
  for (const role of ORG_ROLES) {
    const user = await createUser(t.db, role, orgOf[role]);
    users[role] = { ...user, token: await login(t.http, user.username) };
  }
  return { name, regionId, officeId, centreId, providerId, users };
}

export type RecordKind =
  | 'client'
  | 'unconsentedClient'
  | 'readyClient'
  | 'session'
  | 'otherSession'
  | 'booking'
  | 'bookedSession'
  | 'pastBooking'
  | 'attendedBooking'
  | 'resultBooking'
  | 'course'
  | 'seat'
  | 'startedSeat'
  | 'completedSeat'
  | 'entry'
  | 'entryClient'
  | 'offer'
  | 'entryClientOffer'
  | 'letter'
  | 'batch';

/** Makes a record of a kind in a world and returns its id. */
export type Source = Record<RecordKind, (w: World) => Promise<string>>;

/**
 * The records the matrix asks about, made through the real API (or straight into the
 * database where the API has no way to make them, like an offer).
 */
export class Fixtures {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly t: TestApp) {}

  private once(key: string, make: () => Promise<string>): Promise<string> {
    let made = this.cache.get(key);
    if (!made) {
      made = make();
      this.cache.set(key, made);
    }
    return made;
  }

  /** Every kind of record, made anew on each call: for requests that change their record. */
  readonly fresh: Source = {
    client: (w) => this.client(w),
    unconsentedClient: (w) => this.unconsentedClient(w),
    readyClient: (w) => this.readyClient(w),
    session: (w) => this.session(w),
    otherSession: (w) => this.session(w),
    booking: (w) => this.booking(w),
    bookedSession: (w) => this.bookedSession(w),
    pastBooking: (w) => this.pastBooking(w),
    attendedBooking: (w) => this.attendedBooking(w),
    resultBooking: (w) => this.resultBooking(w),
    course: (w) => this.course(w),
    seat: (w) => this.seat(w),
    startedSeat: (w) => this.startedSeat(w),
    completedSeat: (w) => this.completedSeat(w),
    entry: (w) => this.entry(w),
    entryClient: (w) => this.entryClient(w),
    offer: (w) => this.offer(w),
    entryClientOffer: async (w) => this.offer(w, await this.shared.entryClient(w)),
    letter: (w) => this.letter(w),
    batch: (w) => this.batch(w),
  };

  /** The same, made once per world: for reads, and for requests that must be refused. */
  readonly shared: Source = Object.fromEntries(
    Object.entries(this.fresh).map(([kind, make]) => [
      kind,
      (w: World) => this.once(`${kind} ${w.name}`, () => make(w)),
    ]),
  ) as unknown as Source;

  /** A client of the world's office, with consent. */
  async client(w: World): Promise<string> {
    const clientId = await registerClient(this.t.http, w.users.official.token);
    await recordConsent(this.t.db, clientId, w.users.official.id);
    return clientId;
  }

  /** A client of the world's office without consent yet. */
  unconsentedClient(w: World): Promise<string> {
    return registerClient(this.t.http, w.users.official.token);
  }

  /** A client with consent and a current A1.2 result, so a seat on the course fits. */
  async readyClient(w: World): Promise<string> {
    const clientId = await this.client(w);
    await recordResult(this.t.db, clientId, { startLevel: 'A1.2' });
    return clientId;
  }

  session(w: World): Promise<string> {
    return createSession(this.t.http, w.users.tester.token);
  }

  async booking(w: World): Promise<string> {
    return book(this.t.http, w.users.official.token, await this.session(w), await this.client(w));
  }

  /** A session holding a booking of the world's shared client. */
  async bookedSession(w: World): Promise<string> {
    const sessionId = await this.session(w);
    await book(this.t.http, w.users.official.token, sessionId, await this.shared.client(w));
    return sessionId;
  }

  /** A booking in a session that has begun, so attendance and a result may be entered. */
  async pastBooking(w: World): Promise<string> {
    const sessionId = await this.session(w);
    const bookingId = await book(
      this.t.http,
      w.users.official.token,
      sessionId,
      await this.client(w),
    );
    await moveSessionToPast(this.t.db, sessionId);
    return bookingId;
  }

  async attendedBooking(w: World): Promise<string> {
    const bookingId = await this.pastBooking(w);
    await this.expect(
      this.t.http
        .post(`/api/test-bookings/${bookingId}/attendance`)
        .set(bearer(w.users.tester.token))
        .send({ attended: true }),
    );
    return bookingId;
  }

  async resultBooking(w: World): Promise<string> {
    const bookingId = await this.attendedBooking(w);
    await this.expect(
      this.t.http
        .put(`/api/test-bookings/${bookingId}/result`)
        .set(bearer(w.users.tester.token))
        .send(resultBody()),
    );
    return bookingId;
  }

  async course(w: World): Promise<string> {
    return (await publishCourse(this.t.http, w.users.provider.token)).id;
  }

  async seat(w: World): Promise<string> {
    return seatFor(
      this.t.http,
      w.users.official.token,
      await this.shared.course(w),
      await this.readyClient(w),
    );
  }

  async startedSeat(w: World): Promise<string> {
    const seatId = await this.seat(w);
    await this.report(w, seatId, 'start', { date: daysFromToday(0) });
    return seatId;
  }

  async completedSeat(w: World): Promise<string> {
    const seatId = await this.startedSeat(w);
    await this.report(w, seatId, 'complete', {
      date: daysFromToday(0),
      levels: { reading: 'A2.1' },
    });
    return seatId;
  }

  /** A client whose result reached the queue service: it waits on the world's list. */
  async entryClient(w: World): Promise<string> {
    const bookingId = await this.resultBooking(w);
    const [row]: Array<{ client_id: string }> = await this.t.db.query(
      `SELECT client_id FROM test_bookings WHERE id = $1`,
      [bookingId],
    );
    await settle(this.t);
    return row.client_id;
  }

  async entry(w: World): Promise<string> {
    const entry = await liveEntry(this.t, await this.entryClient(w));
    if (!entry) throw new Error('the queue made no entry');
    return entry.id;
  }

  /**
   * An open offer of a seat on the world's course to its waiting client. The queue may have
   * offered the client a seat already (one freed by another row goes to the head): that one.
   */
  async offer(w: World, waitingClient?: string): Promise<string> {
    const clientId = waitingClient ?? (await this.entryClient(w));
    const entry = await liveEntry(this.t, clientId);
    const [row]: Array<{ id: string }> = await this.t.db.query(
      `WITH made AS (
         INSERT INTO seat_offers (course_id, client_id, entry_id, expires_at)
         VALUES ($1, $2, $3, now() + interval '3 days') ON CONFLICT DO NOTHING RETURNING id
       )
       SELECT id FROM made
       UNION ALL
       SELECT id FROM seat_offers WHERE client_id = $2 AND status = 'open'
       LIMIT 1`,
      [await this.shared.course(w), clientId, entry!.id],
    );
    return row.id;
  }

  async letter(w: World): Promise<string> {
    const response = await this.expect(
      this.t.http
        .post('/api/letters')
        .set(bearer(w.users.official.token))
        .send({ kind: 'test-invitation', bookingId: await this.shared.booking(w) }),
    );
    return (response.body as { id: string }).id;
  }

  /** A batch of one letter, waited for until printed. */
  async batch(w: World): Promise<string> {
    const response = await this.expect(
      this.t.http
        .post('/api/letters/batch')
        .set(bearer(w.users.official.token))
        .send({ bookingIds: [await this.shared.booking(w)] }),
    );
    const id = (response.body as { id: string }).id;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const state = await this.t.http
        .get(`/api/letters/batch/${id}`)
        .set(bearer(w.users.official.token));
      if ((state.body as { status: string }).status === 'done') return id;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the batch was not printed in time');
  }

  private async report(w: World, seatId: string, kind: string, body: object) {
    await this.expect(
      this.t.http
        .post(`/api/seats/${seatId}/${kind}`)
        .set(bearer(w.users.provider.token))
        .send(body),
    );
  }

  private async expect<T extends { status: number; text: string }>(request: PromiseLike<T>) {
    const response = await request;
    if (response.status >= 300) throw new Error(`fixture got ${response.status}: ${response.text}`);
    return response;
  }
}
