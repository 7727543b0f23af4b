import { dropTemplate } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await dropTemplate();
  await globalThis.stopEmbeddedTestPostgres?.();
}
