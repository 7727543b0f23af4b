import { BookingModule } from '../apps/booking/src/booking.module';
import { clientInput, registerClient } from './support/clients';
import { signIn } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/test-bookings';

describe('client search', () => {
  let t: TestApp;
  let official: { token: string };

  beforeAll(async () => {
    t = await startTestApp([BookingModule]);
    official = await signIn(t.http, t.db, 'official');
    for (const [firstName, lastName] of [
      ['Wei', 'Li'],
      ['Amina', 'Lind'],
      ['Ali', 'Hassan'],
      ['Hassan', 'Mohamed'],
      ['Olena', 'Hassanova'],
    ]) {
      await registerClient(t.http, official.token, { firstName, lastName });
    }
  });
  afterAll(() => t.close());

  const names = async (q?: string) => {
    const response = await t.http
      .get('/api/clients')
      .query(q === undefined ? {} : { q })
      .set(bearer(official.token));
    expect(response.status).toBe(200);
    return (response.body as Array<{ firstName: string; lastName: string }>).map(
      (client) => `${client.firstName} ${client.lastName}`,
    );
  };

  it('lists the office in name order without a query', async () => {
    expect(await names()).toEqual([
      'Ali Hassan',
      'Olena Hassanova',
      'Wei Li',
      'Amina Lind',
      'Hassan Mohamed',
    ]);
  });

  it('matches one or two letters at the start of the last name only', async () => {
    expect(await names('li')).toEqual(['Wei Li', 'Amina Lind']);
    expect(await names('L')).toEqual(['Wei Li', 'Amina Lind']);
    // "Ali" holds "li", but a first name or the middle of a name needs three letters.
    expect(await names('al')).toEqual([]);
  });

  it('matches three letters anywhere, last names that begin with them first', async () => {
    expect(await names('hassan')).toEqual(['Ali Hassan', 'Olena Hassanova', 'Hassan Mohamed']);
    expect(await names('ali')).toEqual(['Ali Hassan']);
    expect(await names('50%')).toEqual([]);
  });

  describe('by identity code', () => {
    const AINO = { firstName: 'Aino', lastName: 'Koski', birthDate: '1952-10-13' };
    const EERO = { firstName: 'Eero', lastName: 'Koski', birthDate: '2003-02-01' };

    beforeAll(async () => {
      await registerClient(t.http, official.token, {
        ...AINO,
        personalIdentityCode: '131052-308T',
      });
      await registerClient(t.http, official.token, {
        ...EERO,
        personalIdentityCode: '010203B1230',
      });
    });

    const register = (overrides: Record<string, unknown>) =>
      t.http.post('/api/clients').set(bearer(official.token)).send(clientInput(overrides));
    const storedCodes = async () => {
      const rows: Array<{ code: string }> = await t.db.query(
        `SELECT personal_identity_code AS code FROM clients
          WHERE personal_identity_code IS NOT NULL ORDER BY 1`,
      );
      return rows.map((row) => row.code);
    };

    it('refuses the same code with another century sign as identity-code-taken, storing nothing', async () => {
      for (const [person, code] of [
        [AINO, '131052Y308T'],
        [AINO, '131052u308t'],
        [EERO, '010203A1230'],
        [EERO, '010203F1230'],
      ] as const) {
        const response = await register({ ...person, personalIdentityCode: code });
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('identity-code-taken');
        expect(response.text).not.toContain(code.slice(0, 6));
      }
      // Stored as given, each once.
      expect(await storedCodes()).toEqual(['010203B1230', '131052-308T']);
    });

    it('finds the client by the code written with either century sign', async () => {
      expect(await names('131052-308T')).toEqual(['Aino Koski']);
      expect(await names('131052y308t')).toEqual(['Aino Koski']);
      expect(await names('010203A1230')).toEqual(['Eero Koski']);
      expect(await names('131052+308T')).toEqual([]);
    });
  });
});
