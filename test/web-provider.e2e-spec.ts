import type { Page } from 'playwright-core';
import { BookingModule } from '../apps/booking/src/booking.module';
import { screenshot } from './support/browser';
import { daysFromToday, publishCourse, readyClient, seatFor } from './support/courses';
import { createOrganisation, createUser, login, signIn } from './support/factories';
import {
  type BrowserTestApp,
  expectAccessible,
  navigating,
  signInTo,
  startBrowserApp,
  textOf,
} from './support/web-app';

const helsinkiDay = (offsetDays: number) => {
  const day = new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', {
    timeZone: 'Europe/Helsinki',
  });
  const [year, month, date] = day.split('-').map(Number);
  return `${date}.${month}.${year}`;
};

describe('the course provider in the browser', () => {
  let t: BrowserTestApp;
  let page: Page;
  let providerId: string;
  let provider: { username: string };

  beforeAll(async () => {
    t = await startBrowserApp([BookingModule]);
    page = t.page;
    providerId = await createOrganisation(t.db, 'course-provider', { name: 'Kielipolku Oy' });
    provider = await createUser(t.db, 'provider', providerId);
  });
  afterAll(() => t?.close());

  const seatStatuses = async (courseId: string) =>
    (
      await t.db.query<Array<{ status: string }>>(
        `SELECT status FROM seats WHERE course_id = $1 ORDER BY status`,
        [courseId],
      )
    ).map((row) => row.status);

  it('publishes a course and reports start and dropout for several participants', async () => {
    await signInTo(page, t.baseUrl, provider.username, '/courses');

    await navigating(page, () => page.click('a.primary[href="/courses/new"]'));
    await expectAccessible(page);
    await page.selectOption('#pace', 'basic');
    await page.selectOption('#minLevel', 'A2.1');
    await page.selectOption('#maxLevel', 'A1.1');
    await page.fill('#startsOn', helsinkiDay(0));
    await page.fill('#endsOn', helsinkiDay(150));
    await page.fill('#schedule', 'Mon–Thu 9.00–13.00');
    await page.fill('#location', 'Opintokeskus, room 2');
    await page.fill('#address', 'Hämeentie 1, 00530 Helsinki');
    // No name and a level range upside down: both refused beside their fields, nothing stored.
    expect(await navigating(page, () => page.click('form[action="/courses"] button'))).toBe(400);
    expect(await page.$('#name-error')).not.toBeNull();
    expect(await textOf(page, '#maxLevel-error')).toMatch(/must not be below/);
    expect(await page.inputValue('#schedule')).toBe('Mon–Thu 9.00–13.00');
    expect(await t.db.query(`SELECT id FROM courses`)).toEqual([]);
    await expectAccessible(page);

    await page.fill('#name', 'Suomea arkeen ja työhön');
    await page.selectOption('#minLevel', 'A1.1');
    await page.selectOption('#maxLevel', 'A2.1');
    expect(await navigating(page, () => page.click('form[action="/courses"] button'))).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/course is published/);
    const courseId = new URL(page.url()).pathname.split('/')[2];

    // An office seats three of its clients on the course.
    const officeId = await createOrganisation(t.db, 'employment-office');
    const official = await signIn(t.http, t.db, 'official', officeId);
    for (let i = 0; i < 3; i++) {
      const clientId = await readyClient(t, official);
      await seatFor(t.http, official.token, courseId, clientId);
    }

    await page.goto(`${t.baseUrl}/courses/${courseId}`);
    await expectAccessible(page);
    await screenshot(page, 'provider-course');
    const checkboxes = await page.$$('input[name="seatIds"]');
    expect(checkboxes).toHaveLength(3);
    for (const checkbox of checkboxes) await checkbox.click();
    await page.selectOption('#action', 'start');
    expect(
      await navigating(page, () => page.click('form[action$="/reports"] button.primary')),
    ).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/reports are saved/);
    expect(await seatStatuses(courseId)).toEqual(['started', 'started', 'started']);

    // A dropout needs its reason: refused beside the field, nothing stored, then saved.
    await (await page.$$('input[name="seatIds"]'))[0].click();
    await page.selectOption('#action', 'dropout');
    expect(
      await navigating(page, () => page.click('form[action$="/reports"] button.primary')),
    ).toBe(400);
    expect(await page.getAttribute('#reason', 'aria-describedby')).toBe('reason-error');
    expect(await seatStatuses(courseId)).toEqual(['started', 'started', 'started']);
    await expectAccessible(page);
    await page.selectOption('#reason', 'employment');
    expect(
      await navigating(page, () => page.click('form[action$="/reports"] button.primary')),
    ).toBe(200);
    expect(await seatStatuses(courseId)).toEqual(['dropped-out', 'started', 'started']);

    await page.goto(`${t.baseUrl}/courses`);
    expect(await textOf(page, 'tbody tr')).toContain('Suomea arkeen ja työhön');
    await screenshot(page, 'provider-courses');
  });

  it('changes the seats, reports a no-show and cancels another course', async () => {
    const token = await login(t.http, provider.username);
    const course = await publishCourse(t.http, token, { name: 'Suomea iltaisin', seats: 10 });
    const officeId = await createOrganisation(t.db, 'employment-office');
    const official = await signIn(t.http, t.db, 'official', officeId);
    for (let i = 0; i < 2; i++) {
      await seatFor(t.http, official.token, course.id, await readyClient(t, official));
    }
    const seatsOf = async (id: string) =>
      (await t.db.query(`SELECT seats FROM courses WHERE id = $1`, [id]))[0].seats as number;

    await page.goto(`${t.baseUrl}/courses/${course.id}`);
    await navigating(page, () => page.click(`a[href="/courses/${course.id}/capacity"]`));
    await expectAccessible(page);
    // Fewer seats than are taken: said beside the number, which stays as typed.
    await page.fill('#seats', '1');
    expect(await navigating(page, () => page.click('main form button[type=submit]'))).toBe(409);
    expect(await textOf(page, '#seats-error')).toMatch(/More seats are taken/);
    expect(await page.inputValue('#seats')).toBe('1');
    await page.fill('#seats', 'twelve');
    expect(await navigating(page, () => page.click('main form button[type=submit]'))).toBe(400);
    expect(await page.$('#seats-error')).not.toBeNull();
    expect(await seatsOf(course.id)).toBe(10);
    await expectAccessible(page);
    await page.fill('#seats', '12');
    expect(await navigating(page, () => page.click('main form button[type=submit]'))).toBe(200);
    expect(await textOf(page, '.notice')).toMatch(/number of seats is changed/);
    expect(await seatsOf(course.id)).toBe(12);

    await (await page.$$('input[name="seatIds"]'))[0].click();
    await page.selectOption('#action', 'no-show');
    expect(
      await navigating(page, () => page.click('form[action$="/reports"] button.primary')),
    ).toBe(200);
    expect(await seatStatuses(course.id)).toEqual(['no-show', 'reserved']);

    const later = await publishCourse(t.http, token, {
      name: 'Suomea keväällä',
      startsOn: daysFromToday(40),
      endsOn: daysFromToday(200),
    });
    await page.goto(`${t.baseUrl}/courses/${later.id}/cancel`);
    await expectAccessible(page);
    expect(await navigating(page, () => page.click('main form button[type=submit]'))).toBe(400);
    expect(await page.$('#reason-error')).not.toBeNull();
    await page.fill('#reason', 'Too few participants.');
    expect(await navigating(page, () => page.click('main form button[type=submit]'))).toBe(200);
    expect(await textOf(page, '#course-status')).toBe(
      'The course is cancelled: Too few participants.',
    );
    await expectAccessible(page);
    const [{ status }] = await t.db.query(`SELECT status FROM courses WHERE id = $1`, [later.id]);
    expect(status).toBe('cancelled');
  });

  it("answers 404 for another provider's course", async () => {
    const other = await signIn(t.http, t.db, 'provider');
    const response = await t.http
      .post('/api/courses')
      .set('Authorization', `Bearer ${other.token}`)
      .send({
        name: 'Svenska i vardagen',
        targetLanguage: 'sv',
        pace: 'basic',
        minLevel: 'A1.1',
        maxLevel: 'A2.1',
        startsOn: '2030-01-07',
        endsOn: '2030-06-01',
        schedule: 'Mon–Thu',
        location: 'Room 1',
        address: 'Ekenäs',
        seats: 10,
      });
    expect(response.status).toBe(201);
    const foreign = await page.goto(`${t.baseUrl}/courses/${(response.body as { id: string }).id}`);
    expect(foreign?.status()).toBe(404);
  });
});
