import request from 'supertest';
import { publishCourse, type PublishedCourse } from '../../support/courses';
import { createSession, seedClientsWithConsent } from '../../support/test-bookings';
import type { FaultWorld, User } from './world';

/** The people of one scenario: an office's official, a test centre's tester, a provider. */
export interface Cast {
  official: User;
  tester: User;
  provider: User;
}

export async function cast(world: FaultWorld): Promise<Cast> {
  return {
    official: await world.signIn('official'),
    tester: await world.signIn('tester'),
    provider: await world.signIn('provider'),
  };
}

/** Clients of the official's office with consent on record, written straight to the tables. */
export function consentingClients(world: FaultWorld, who: Cast, count: number) {
  return seedClientsWithConsent(world.db, who.official.organisationId!, who.official.userId, count);
}

/** A future test session with room for `capacity`, published through the API. */
export function openSession(world: FaultWorld, who: Cast, capacity: number): Promise<string> {
  return createSession(request(world.services.booking.url), who.tester.token, { capacity });
}

/** A course for A1.1–A2.1, published through the API; started unless `future`. */
export function openCourse(
  world: FaultWorld,
  who: Cast,
  seats: number,
  future = false,
): Promise<PublishedCourse> {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const dates = future
    ? { startsOn: day(20), endsOn: day(200) }
    : { startsOn: day(-30), endsOn: day(150) };
  return publishCourse(request(world.services.booking.url), who.provider.token, {
    seats,
    ...dates,
  });
}
