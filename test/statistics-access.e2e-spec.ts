import { BookingModule } from '../apps/booking/src/booking.module';
import {
  createWorld,
  seedCourseHistory,
  seedTestHistory,
  type StatisticsWorld,
} from './support/statistics-world';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

const ENDPOINTS = ['queues', 'waiting-times', 'recommendations', 'tests', 'courses'];

describe('statistics: roles, input and CSV', () => {
  let t: TestApp;
  let w: StatisticsWorld;

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    w = await createWorld(t);
    await seedTestHistory(t, w);
    await seedCourseHistory(t, w);
  });
  afterAll(() => t.close());

  const get = (path: string, token: string | null, query: Record<string, string> = {}) => {
    const request = t.http.get(`/api/statistics/${path}`).query(query);
    return token ? request.set(bearer(token)) : request;
  };

  describe('who may read', () => {
    it.each(ENDPOINTS)(
      'refuses testers and providers %s with 403, anonymous with 401',
      async (path) => {
        expect((await get(path, w.tester.token)).status).toBe(403);
        expect((await get(path, w.provider.token)).status).toBe(403);
        expect((await get(path, null)).status).toBe(401);
      },
    );

    it.each(ENDPOINTS)('lets analysts, officials and admins read %s', async (path) => {
      for (const user of [w.analyst, w.officialA, w.admin]) {
        expect((await get(path, user.token)).status).toBe(200);
      }
    });

    it('answers 404 when an official asks for another office or region', async () => {
      const office = await get('tests', w.officialA.token, { office: w.officeB });
      expect(office.status).toBe(404);
      const region = await get('waiting-times', w.officialA.token, { region: w.regionB });
      expect(region.status).toBe(404);
      const queues = await get('queues', w.officialA.token, { region: w.regionB });
      expect(queues.status).toBe(404);
    });

    it('lets an official name the own office and region', async () => {
      const response = await get('tests', w.officialA.token, {
        office: w.officeA,
        region: w.regionA,
      });
      expect(response.status).toBe(200);
    });

    it('audits every read: who, which figures, which filter', async () => {
      await get('courses', w.analyst.token, { provider: w.providerA, format: 'csv' });
      const rows = await t.db.query(
        `SELECT actor_user_id, actor_role, action, entity_type, entity_id, details
           FROM audit_events WHERE action = 'statistics.read' AND actor_user_id = $1
          ORDER BY id DESC LIMIT 1`,
        [w.analyst.userId],
      );
      expect(rows).toEqual([
        expect.objectContaining({
          actor_role: 'analyst',
          entity_type: 'statistics',
          entity_id: 'courses',
          details: expect.objectContaining({ providerId: w.providerA, format: 'csv' }),
        }),
      ]);
    });
  });

  describe('input', () => {
    const fieldsOf = (body: { details?: Array<{ field: string }> }) =>
      (body.details ?? []).map((problem) => problem.field);

    it.each([
      ['tests', { from: '2026-02-30' }, 'from'],
      ['tests', { from: 'yesterday' }, 'from'],
      ['tests', { from: '2026-05-01', to: '2026-04-01' }, 'to'],
      ['tests', { from: '2015-01-01', to: '2026-01-01' }, 'from'],
      ['tests', { region: 'not-a-uuid' }, 'region'],
      ['tests', { format: 'xml' }, 'format'],
      ['tests', { separator: 'tab' }, 'separator'],
      ['tests', { by: 'month,weekday' }, 'by'],
      ['tests', { provider: '00000000-0000-4000-8000-000000000000' }, 'provider'],
      ['courses', { centre: '00000000-0000-4000-8000-000000000000' }, 'centre'],
      ['queues', { pace: 'slowest' }, 'pace'],
      ['queues', { level: 'D1' }, 'level'],
      ['queues', { table: 'history' }, 'table'],
      ['waiting-times', { targets: '0' }, 'targets'],
      ['waiting-times', { targets: '30,abc' }, 'targets'],
      ['waiting-times', { targets: '1,2,3,4,5' }, 'targets'],
      ['waiting-times', { asOf: '2026-13-01' }, 'asOf'],
      ['waiting-times', { from: '2026-03-01', to: '2026-03-31', asOf: '2026-02-01' }, 'asOf'],
    ])('answers %s %j with 400 naming %s', async (path, query, field) => {
      const response = await get(path, w.analyst.token, query);
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('answers 400 naming the field when a filter names an organisation of another kind', async () => {
      const response = await get('tests', w.analyst.token, {
        region: w.officeA,
        centre: w.regionA,
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body).sort()).toEqual(['centre', 'region']);
    });
  });

  describe('CSV', () => {
    it('downloads UTF-8 with a BOM, a header row, CRLF lines and quoted, defused names', async () => {
      const response = await get('courses', w.analyst.token, {
        from: '2026-01-01',
        to: '2026-06-30',
        format: 'csv',
        by: 'provider',
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="kotoportti-courses-2026-01-01-2026-06-30.csv"',
      );
      const text = response.text;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0].split(',').slice(0, 8)).toEqual([
        'provider',
        'providerId',
        'seatsOffered',
        'seatsTaken',
        'fillRate',
        'reserved',
        'noShows',
        'starts',
      ]);
      // Provider A: K1 and K2 together: 30 seats, 16 + 4 taken (66.7 %), 1 no-show.
      expect(lines[1].startsWith(`"'=Kielipolku, ""Oy""",${w.providerA},30,20,66.7,0,<5,20,`)).toBe(
        true,
      );
      expect(lines[2].startsWith(`Opisto,${w.providerB},12,0,0,0,0,0,`)).toBe(true);
      expect(lines[3]).toBe('');
      expect(lines).toHaveLength(4);
    });

    it('writes semicolons and decimal commas for a Finnish spreadsheet', async () => {
      const response = await get('courses', w.analyst.token, {
        from: '2026-01-01',
        to: '2026-06-30',
        format: 'csv',
        by: 'provider',
        separator: 'semicolon',
      });
      const line = response.text.split('\r\n')[1];
      expect(line.startsWith(`"'=Kielipolku, ""Oy""";${w.providerA};30;20;66,7;0;<5;20;`)).toBe(
        true,
      );
    });

    it('downloads the table asked for', async () => {
      const response = await get('queues', w.analyst.token, { format: 'csv', table: 'series' });
      expect(response.status).toBe(200);
      expect(response.text).toBe('\uFEFFday,targetLanguage,pace,length\r\n');
      expect(response.headers['content-disposition']).toContain('kotoportti-queues-series-');
    });
  });
});
