import type { Page } from 'playwright-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { QueueModule } from '../apps/queue/src/queue.module';
import { screenshot } from './support/browser';
import { registerClient } from './support/clients';
import { daysFromToday, publishCourse, readyClient, seatFor } from './support/courses';
import { createOrganisation, createUser, login, signIn } from './support/factories';
import { settle, testedClient, type User } from './support/queue';
import { bearer, book, createSession, giveConsent } from './support/test-bookings';
import {
  type BrowserTestApp,
  expectAccessible,
  navigating,
  signInThroughPage,
  startBrowserApp,
  textOf,
} from './support/web-app';

const submit = (page: Page) => navigating(page, () => page.click('main form button[type=submit]'));

/** Today in Helsinki as the pages want it typed: d.m.yyyy. */
const typedToday = () => {
  const [year, month, day] = new Date()
    .toLocaleDateString('en-CA', { timeZone: 'Europe/Helsinki' })
    .split('-')
    .map(Number);
  return `${day}.${month}.${year}`;
};

describe("the official's changes in the browser", () => {
  let t: BrowserTestApp;
  let page: Page;
  let official: User;
  let tester: User;
  let provider: User;
  let regionId: string;

  beforeAll(async () => {
    t = await startBrowserApp([BookingModule, QueueModule]);
    page = t.page;
    const officeId = await createOrganisation(t.db, 'employment-office', { name: 'Espoon TE' });
    const user = await createUser(t.db, 'official', officeId);
    official = {
      token: await login(t.http, user.username),
      userId: user.id,
      organisationId: officeId,
    };
    [{ region_id: regionId }] = await t.db.query(
      `SELECT region_id FROM organisations WHERE id = $1`,
      [officeId],
    );
    tester = await signIn(t.http, t.db, 'tester');
    provider = await signIn(t.http, t.db, 'provider');
    await signInThroughPage(page, t.baseUrl, user.username);
  });
  afterAll(() => t?.close());

  const bookingsOf = (clientId: string) =>
    t.db.query<Array<{ session_id: string; status: string; cancel_reason: string | null }>>(
      `SELECT session_id, status, cancel_reason FROM test_bookings WHERE client_id = $1 ORDER BY booked_at`,
      [clientId],
    );

  it('moves a test booking to another time, then cancels it with a reason', async () => {
    const clientId = await registerClient(t.http, official.token, { firstName: 'Olena' });
    await giveConsent(t.http, official.token, clientId);
    const first = await createSession(t.http, tester.token, { capacity: 2 });
    const second = await createSession(t.http, tester.token, { capacity: 2, location: 'Sali 3' });
    const bookingId = await book(t.http, official.token, first, clientId);

    await page.goto(`${t.baseUrl}/clients/${clientId}`);
    await navigating(page, () => page.click(`a[href="/test-bookings/${bookingId}/rebook"]`));
    await expectAccessible(page);
    // No time chosen: refused beside the choice, nothing moved.
    expect(await submit(page)).toBe(400);
    expect(await page.getAttribute('#sessionId', 'aria-describedby')).toBe('sessionId-error');
    expect(await bookingsOf(clientId)).toEqual([
      { session_id: first, status: 'booked', cancel_reason: null },
    ]);
    await expectAccessible(page);
    await screenshot(page, 'official-rebook-refused');
    await page.selectOption('#sessionId', second);
    expect(await submit(page)).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/moved to the new time/);
    const [, moved] = await bookingsOf(clientId);
    expect(moved).toMatchObject({ session_id: second, status: 'booked' });

    const [{ id: newBookingId }] = await t.db.query(
      `SELECT id FROM test_bookings WHERE client_id = $1 AND status = 'booked'`,
      [clientId],
    );
    await navigating(page, () => page.click(`a[href="/test-bookings/${newBookingId}/cancel"]`));
    await expectAccessible(page);
    // Too long a reason: refused beside it, the text kept, the booking still active.
    await page.fill('#reason', 'x'.repeat(501));
    expect(await submit(page)).toBe(400);
    expect(await page.$('#reason-error')).not.toBeNull();
    expect((await page.inputValue('#reason')).length).toBe(501);
    expect((await bookingsOf(clientId))[1].status).toBe('booked');
    await expectAccessible(page);
    await page.fill('#reason', 'The client moved to Tampere.');
    expect(await submit(page)).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/test booking is cancelled/);
    expect((await bookingsOf(clientId))[1]).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'The client moved to Tampere.',
    });
  });

  it('cancels a course seat, refusing a date that does not exist', async () => {
    const course = await publishCourse(t.http, provider.token, { startsOn: daysFromToday(-5) });
    const clientId = await readyClient(t, official);
    const seatId = await seatFor(t.http, official.token, course.id, clientId);

    await page.goto(`${t.baseUrl}/clients/${clientId}`);
    await navigating(page, () => page.click(`a[href="/seats/${seatId}/cancel"]`));
    await expectAccessible(page);
    await page.fill('#date', '31.2.2026');
    await page.fill('#reason', 'Found work.');
    expect(await submit(page)).toBe(400);
    expect(await page.$('#date-error')).not.toBeNull();
    expect(await page.inputValue('#reason')).toBe('Found work.');
    await expectAccessible(page);
    await page.fill('#date', typedToday());
    expect(await submit(page)).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/seat is cancelled/);
    const [seat] = await t.db.query(`SELECT status FROM seats WHERE id = $1`, [seatId]);
    expect(seat.status).toBe('cancelled');
  });

  it("shows a client's place in the queue, gives priority with a reason and removes another", async () => {
    const { clientId: older } = await testedClient(t, official, tester, { daysAgo: 20 });
    const { clientId: newer } = await testedClient(t, official, tester, { daysAgo: 10 });
    await settle(t);
    const entryOf = async (clientId: string) =>
      (
        await t.db.query(
          `SELECT status, priority, priority_reason FROM waiting_list_entries
            WHERE client_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [clientId],
        )
      )[0] as { status: string; priority: boolean; priority_reason: string | null };

    await page.goto(`${t.baseUrl}/clients/${newer}`);
    await page.waitForSelector('#queue-place');
    expect(await textOf(page, '#queue-place')).toMatch(
      /^Place 2 of 2 in the queue, waiting 10 days/,
    );
    await expectAccessible(page);
    await screenshot(page, 'official-client');

    await navigating(page, () => page.click('#queue-position a[href$="/priority"]'));
    await expectAccessible(page);
    // Priority without a reason: the queue service refuses, the page says so beside the field.
    await page.selectOption('#priority', 'true');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('#reason-error');
    expect(await page.getAttribute('#reason', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#priority')).toBe('true');
    expect(await entryOf(newer)).toMatchObject({ priority: false });
    await expectAccessible(page);
    await screenshot(page, 'official-priority-refused');
    await page.fill('#reason', 'Integration period ends in two months.');
    await navigating(page, () => page.click('main form button[type=submit]'));
    expect(await textOf(page, '.notice')).toMatch(/priority is saved/);
    expect(await entryOf(newer)).toEqual({
      status: 'waiting',
      priority: true,
      priority_reason: 'Integration period ends in two months.',
    });
    await page.waitForSelector('#queue-place');
    expect(await textOf(page, '#queue-place')).toMatch(/^Place 1 of 2/);

    await page.goto(`${t.baseUrl}/clients/${older}`);
    await page.waitForSelector('#queue-place');
    await navigating(page, () => page.click('#queue-position a[href$="/remove"]'));
    await page.click('main form button[type=submit]');
    await page.waitForSelector('#reason-error');
    expect((await entryOf(older)).status).toBe('waiting');
    await page.fill('#reason', 'Moved abroad.');
    await navigating(page, () => page.click('main form button[type=submit]'));
    expect(await textOf(page, '.notice')).toMatch(/taken out of the queue/);
    expect((await entryOf(older)).status).not.toBe('waiting');
    await page.waitForSelector('#queue-place');
    expect(await textOf(page, '#queue-place')).toMatch(/Not waiting/);
  });

  it('sees a seat held for a client, declines it with a reason, and books the next one', async () => {
    const course = await publishCourse(t.http, provider.token, {
      name: 'Nopea suomi',
      pace: 'fast',
      seats: 1,
      regionId,
      startsOn: daysFromToday(20),
      endsOn: daysFromToday(200),
    });
    const seated = await testedClient(t, official, tester, { pace: 'fast' });
    const seatId = await seatFor(t.http, official.token, course.id, seated.clientId);
    const heads: string[] = [];
    for (const daysAgo of [30, 20]) {
      heads.push((await testedClient(t, official, tester, { pace: 'fast', daysAgo })).clientId);
    }
    await settle(t);
    const cancelled = await t.http
      .post(`/api/seats/${seatId}/cancel`)
      .set(bearer(official.token))
      .send({ date: daysFromToday(0) });
    expect(cancelled.status).toBe(201);
    await settle(t);

    // The office finds the held seat on the waiting lists page and opens the client.
    await page.goto(`${t.baseUrl}/waiting-lists`);
    await page.waitForSelector(
      `[data-queue-source^="/api/seat-offers"] a[href="/clients/${heads[0]}"]`,
    );
    expect(await textOf(page, '[data-queue-source^="/api/seat-offers"] tbody tr')).toContain(
      'Nopea suomi',
    );
    await expectAccessible(page);
    await navigating(page, () =>
      page.click(`[data-queue-source^="/api/seat-offers"] a[href="/clients/${heads[0]}"]`),
    );
    await page.waitForSelector('#queue-position .notice');
    expect(await textOf(page, '#queue-position .notice')).toMatch(/A seat on Nopea suomi is held/);
    await expectAccessible(page);
    await navigating(page, () => page.click('#queue-position a[href$="/decline"]'));
    await expectAccessible(page);
    await page.click('main form button[type=submit]');
    await page.waitForSelector('#reason-error');
    await page.fill('#reason', 'The client starts work next month.');
    await navigating(page, () => page.click('main form button[type=submit]'));
    expect(await textOf(page, '.notice')).toMatch(/seat is declined/);
    await settle(t);

    await page.goto(`${t.baseUrl}/clients/${heads[1]}`);
    await page.waitForSelector('#queue-position .notice');
    await navigating(page, () => page.click('#queue-position a[href$="/book"]'));
    await expectAccessible(page);
    await navigating(page, () => page.click('main form button[type=submit]'));
    expect(await textOf(page, '.notice')).toMatch(/course seat is booked/);
    const seats = await t.db.query(
      `SELECT client_id, status FROM seats WHERE course_id = $1 AND status = 'reserved'`,
      [course.id],
    );
    expect(seats).toEqual([{ client_id: heads[1], status: 'reserved' }]);
    const offers = await t.db.query(
      `SELECT client_id, status, decline_reason FROM seat_offers WHERE course_id = $1 ORDER BY offered_at`,
      [course.id],
    );
    expect(offers).toEqual([
      {
        client_id: heads[0],
        status: 'declined',
        decline_reason: 'The client starts work next month.',
      },
      { client_id: heads[1], status: 'accepted', decline_reason: null },
    ]);
  });

  it("answers 404 for the queue pages of another office's client", async () => {
    const other = await signIn(t.http, t.db, 'official');
    const foreign = await registerClient(t.http, other.token);
    const response = await page.goto(`${t.baseUrl}/clients/${foreign}/queue/${foreign}/priority`);
    expect(response?.status()).toBe(404);
    await expectAccessible(page);
  });
});
