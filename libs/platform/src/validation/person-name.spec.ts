import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PersonName } from './decorators';

class Named {
  @PersonName()
  name: string;
}

const accepts = (name: string) => validateSync(plainToInstance(Named, { name })).length === 0;

describe('PersonName', () => {
  it.each([
    'Amina',
    "O'Brien",
    'Anna-Maria Väisänen',
    'J. R.',
    'محمد حسن',
    'می\u200Cخواهم',
    'Nguyễn Thị Minh',
    'ኣብርሃም',
    'D\u2019Angelo',
  ])('accepts the name %s', (name) => {
    expect(accepts(name)).toBe(true);
  });

  it.each([
    "{{constructor.constructor('return process')()}}",
    '${7*7}',
    "'; DROP TABLE clients; --",
    'Hassan\u202Egnp.exe',
    'Ami\u0007na',
    'Amina\uFFFD',
    'Client 7',
    '-Amina',
    '',
  ])('refuses %j', (name) => {
    expect(accepts(name)).toBe(false);
  });
});
