const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/**
 * A valid Finnish personal identity code for a birth date ('YYYY-MM-DD') and an individual
 * number. The individual number is odd for men and even for women, as in the real register.
 */
export function demoIdentityCode(birthDate: string, individualNumber: number): string {
  const [year, month, day] = birthDate.split('-');
  if (Number(year) < 1900 || Number(year) > 2099) throw new Error(`no century sign for ${year}`);
  if (individualNumber < 2 || individualNumber > 899) {
    throw new Error(`individual number ${individualNumber} is outside 2–899`);
  }
  const dateDigits = `${day}${month}${year.slice(2)}`;
  const individual = String(individualNumber).padStart(3, '0');
  const centurySign = Number(year) < 2000 ? '-' : 'A';
  const check = CHECK_CHARACTERS[Number(`${dateDigits}${individual}`) % 31];
  return `${dateDigits}${centurySign}${individual}${check}`;
}
