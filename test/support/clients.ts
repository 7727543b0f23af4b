import type TestAgent from 'supertest/lib/agent';

export function clientInput(overrides: Record<string, unknown> = {}) {
  return {
    firstName: 'Amina',
    lastName: 'Hassan',
    birthDate: '1990-04-12',
    nativeLanguage: 'so',
    letterLanguage: 'so',
    targetLanguage: 'fi',
    ...overrides,
  };
}

export async function registerClient(
  http: TestAgent,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await http
    .post('/api/clients')
    .set('Authorization', `Bearer ${token}`)
    .send(clientInput(overrides));
  if (response.status !== 201)
    throw new Error(`registering a client gave ${response.status}: ${response.text}`);
  return (response.body as { id: string }).id;
}
