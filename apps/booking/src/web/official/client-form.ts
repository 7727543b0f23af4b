import { CreateClientDto } from '../../clients/client.dto';
import { FieldErrors, validateForm, Validated } from '../form-errors';
import { formValues } from '../form-values';
import { parseDay } from '../formats';

export const CLIENT_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'personalIdentityCode',
  'nativeLanguage',
  'letterLanguage',
  'targetLanguage',
  'interpreterLanguage',
  'phone',
  'email',
  'streetAddress',
  'postalCode',
  'city',
] as const;

/** The registration form is the API's CreateClientDto field for field; empty means not given. */
export async function readClientForm(
  body: Record<string, unknown>,
): Promise<{ typed: Record<string, string>; parsed: Validated<CreateClientDto> }> {
  const { typed, given } = formValues(body, CLIENT_FIELDS);
  const input = { ...given, birthDate: parseDay(given.birthDate) };
  return { typed, parsed: await validateForm(CreateClientDto, input) };
}

export type { FieldErrors };
