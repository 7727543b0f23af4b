/**
 * The Finnish personal identity code (henkilötunnus): DDMMYY, a century sign, a three-digit
 * individual number and a check character. Since 2023 the 1900s may also be written with
 * Y, X, W, V or U and the 2000s with B, C, D, E or F.
 */
const CENTURY_OF_SIGN: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const PATTERN = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

export type IdentityCodeProblem = 'format' | 'date' | 'checksum';

export interface ParsedIdentityCode {
  birthDate: string;
}

export function parseIdentityCode(code: string): ParsedIdentityCode | IdentityCodeProblem {
  const match = PATTERN.exec(code);
  if (!match) return 'format';
  const [, dd, mm, yy, sign, individual, check] = match;
  const year = CENTURY_OF_SIGN[sign] + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return 'date';
  if (Number(individual) < 2) return 'format';
  if (CHECK_CHARACTERS[Number(`${dd}${mm}${yy}${individual}`) % 31] !== check) return 'checksum';
  return { birthDate: `${year}-${mm}-${dd}` };
}
