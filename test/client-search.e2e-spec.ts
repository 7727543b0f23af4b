import { BookingModule } from '../apps/booking/src/booking.module';
import { registerClient } from './support/clients';
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
});
