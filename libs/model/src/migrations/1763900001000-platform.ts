import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IDEMPOTENCY_STATES, ROLES } from '../code-lists';
import { CONSTRAINTS } from '../constraints';
import { inList, runAll } from './sql';

/** The audit log, the event outbox and its consumers' ledger, Idempotency-Key records. */
export class Platform1763900001000 implements MigrationInterface {
  name = 'Platform1763900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      // No foreign keys: erasing a client or user must neither be blocked by the log nor rewrite it.
      `CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_role text CHECK (${inList('actor_role', ROLES)}),
        organisation_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        client_id uuid,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      `CREATE INDEX audit_events_client_id_at_idx ON audit_events (client_id, at)`,
      `CREATE INDEX audit_events_actor_user_id_at_idx ON audit_events (actor_user_id, at)`,
      // Statement level, so even an UPDATE that matches no row is refused. TRUNCATE is left
      // to the database owner (test set-up), the application never issues it.
      `CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END
      $$`,
      `CREATE TRIGGER audit_events_append_only
        BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`,

      `CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text
      )`,
      // The relay only ever looks for what is still unpublished; keeps that scan tiny.
      `CREATE INDEX outbox_events_unpublished_idx ON outbox_events (id) WHERE published_at IS NULL`,

      `CREATE TABLE consumed_events (
        consumer text NOT NULL,
        event_id bigint NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ${CONSTRAINTS.consumedEventOnce} PRIMARY KEY (consumer, event_id)
      )`,

      `CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        state text NOT NULL DEFAULT 'in-progress' CHECK (${inList('state', IDEMPOTENCY_STATES)}),
        response_status int CHECK (response_status BETWEEN 100 AND 599),
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT ${CONSTRAINTS.idempotencyKeyOnce} PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_keys_completed_has_status
          CHECK (state <> 'completed' OR response_status IS NOT NULL)
      )`,
      `CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at)`,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, [
      `DROP TABLE idempotency_keys`,
      `DROP TABLE consumed_events`,
      `DROP TABLE outbox_events`,
      `DROP TABLE audit_events`,
      `DROP FUNCTION audit_events_refuse_change()`,
    ]);
  }
}
