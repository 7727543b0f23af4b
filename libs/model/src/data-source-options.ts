import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// A calendar day is a 'YYYY-MM-DD' string everywhere, in raw queries as in entities; as a JS
// Date it would shift by the process's time zone.
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value: string) => value);

/** TypeORM 1.x names these PostgresDataSourceOptions; this is the same type. */
export type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * The one options object shared by the services, the migration runner and the tests.
 * The schema belongs to the migrations: nothing here may create or alter it.
 */
export function modelDataSourceOptions(
  url: string,
  extra: Partial<PostgresConnectionOptions> = {},
): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // The migrations create the extensions; a non-superuser must not be asked to.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    // A where with an undefined (a missing query parameter) must fail, not match every row.
    invalidWhereValuesBehavior: { undefined: 'throw', null: 'throw' },
    ...extra,
  };
}
