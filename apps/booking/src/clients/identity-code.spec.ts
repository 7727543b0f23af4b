import { parseIdentityCode } from './identity-code';

describe('parseIdentityCode', () => {
  it('accepts a valid code of the 1900s and returns its birth date', () => {
    expect(parseIdentityCode('131052-308T')).toEqual({ birthDate: '1952-10-13' });
  });

  it('accepts the new century signs of 2023', () => {
    expect(parseIdentityCode('131052Y308T')).toEqual({ birthDate: '1952-10-13' });
    expect(parseIdentityCode('010594Y9032')).toEqual({ birthDate: '1994-05-01' });
  });

  it('accepts a code of the 2000s', () => {
    expect(parseIdentityCode('010103A9639')).toEqual({ birthDate: '2003-01-01' });
  });

  it('refuses a wrong check character', () => {
    expect(parseIdentityCode('131052-308U')).toBe('checksum');
  });

  it('refuses an unknown century sign and lowercase letters', () => {
    expect(parseIdentityCode('131052G308T')).toBe('format');
    expect(parseIdentityCode('131052a308T')).toBe('format');
  });

  it('refuses dates that do not exist', () => {
    expect(parseIdentityCode('300227A123K')).toBe('date');
  });

  it('refuses codes of the wrong length', () => {
    expect(parseIdentityCode('131052-308')).toBe('format');
    expect(parseIdentityCode('')).toBe('format');
  });
});
