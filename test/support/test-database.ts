import { randomBytes } from 'node:crypto';
import { databaseUrl, dropDatabase, onServer } from './test-server';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A private copy of the migrated template for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.KP_TEST_SERVER_URL;
  const template = process.env.KP_TEST_TEMPLATE;
  if (!serverUrl || !template)
    throw new Error('Run tests through jest: global-setup sets the template');
  const name = `kp_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => onServer(serverUrl, (client) => dropDatabase(client, name)),
  };
}
