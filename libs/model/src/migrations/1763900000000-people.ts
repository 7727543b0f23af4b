import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  AUTH_TOKEN_KINDS,
  CONSENT_METHODS,
  OFFICE_LANGUAGES,
  ORGANISATION_BOUND_ROLES,
  ORGANISATION_KINDS,
  ROLES,
  TARGET_LANGUAGES,
  UI_LANGUAGES,
} from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { inList, languageCode, runAll } from './sql';

/** Organisations, users, their tokens, clients and consents. */
export class People1763900000000 implements MigrationInterface {
  // Explicit, because webpack may rename the class and TypeORM reads the timestamp from it.
  name = 'People1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      // Fuzzy client search by name (issue 7: 100,000 clients under 100 ms).
      `CREATE EXTENSION IF NOT EXISTS pg_trgm`,

      `CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (${inList('kind', ORGANISATION_KINDS)}),
        name text NOT NULL,
        language text NOT NULL DEFAULT 'fi' CHECK (${inList('language', OFFICE_LANGUAGES)}),
        region_id uuid REFERENCES organisations (id) ON DELETE RESTRICT,
        phone text,
        email text,
        street_address text,
        postal_code text,
        city text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_office_has_region
          CHECK (kind <> 'employment-office' OR region_id IS NOT NULL),
        CONSTRAINT organisations_region_has_no_region CHECK (kind <> 'region' OR region_id IS NULL)
      )`,
      `CREATE INDEX organisations_region_id_idx ON organisations (region_id)`,

      `CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (length(username) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (${inList('role', ROLES)}),
        organisation_id uuid REFERENCES organisations (id) ON DELETE RESTRICT,
        ui_language text NOT NULL DEFAULT 'fi' CHECK (${inList('ui_language', UI_LANGUAGES)}),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_organisation_required
          CHECK (organisation_id IS NOT NULL OR NOT (${inList('role', ORGANISATION_BOUND_ROLES)}))
      )`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.usernameUnique} ON users (lower(username))`,
      `CREATE INDEX users_organisation_id_idx ON users (organisation_id)`,

      `CREATE TABLE auth_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (${inList('kind', AUTH_TOKEN_KINDS)}),
        csrf_token text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      `CREATE INDEX auth_tokens_user_id_idx ON auth_tokens (user_id)`,
      `CREATE INDEX auth_tokens_expires_at_idx ON auth_tokens (expires_at)`,

      `CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
        first_name text NOT NULL,
        last_name text NOT NULL,
        birth_date date NOT NULL,
        -- Shape only (date, century sign, number, check character); the checksum is the app's.
        personal_identity_code text
          CHECK (personal_identity_code ~ '^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$'),
        native_language text NOT NULL CHECK (${languageCode('native_language')}),
        letter_language text NOT NULL CHECK (${languageCode('letter_language')}),
        target_language text NOT NULL CHECK (${inList('target_language', TARGET_LANGUAGES)}),
        phone text,
        email text,
        street_address text,
        postal_code text,
        city text,
        interpreter_language text CHECK (${languageCode('interpreter_language')}),
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        pseudonymised_at timestamptz,
        CONSTRAINT ${CONSTRAINTS.personalIdentityCodeUnique} UNIQUE (personal_identity_code)
      )`,
      `CREATE INDEX clients_office_id_idx ON clients (office_id)`,
      // Clients without an identity code are matched by name and birth date.
      `CREATE INDEX clients_name_birth_date_idx
        ON clients (lower(last_name), lower(first_name), birth_date)`,
      `CREATE INDEX clients_name_trgm_idx
        ON clients USING gin (lower(first_name || ' ' || last_name) gin_trgm_ops)`,

      `CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
        given_at timestamptz NOT NULL,
        method text NOT NULL CHECK (${inList('method', CONSENT_METHODS)}),
        recorded_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT consents_withdrawn_by_needs_withdrawn_at
          CHECK (withdrawn_by IS NULL OR withdrawn_at IS NOT NULL)
      )`,
      `CREATE INDEX consents_client_id_idx ON consents (client_id)`,
      `CREATE UNIQUE INDEX ${CONSTRAINTS.oneActiveConsentPerClient}
        ON consents (client_id) WHERE withdrawn_at IS NULL`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TABLE consents`,
      `DROP TABLE clients`,
      `DROP TABLE auth_tokens`,
      `DROP TABLE users`,
      `DROP TABLE organisations`,
      `DROP EXTENSION IF EXISTS pg_trgm`,
    ]);
  }
}
