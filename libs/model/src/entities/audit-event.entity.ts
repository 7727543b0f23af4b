import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../code-lists';

/**
 * Who read or changed which record, and when. Append-only: a trigger refuses UPDATE and
 * DELETE. The ids carry no foreign keys on purpose: erasing a client or a user must not
 * be blocked by, nor rewrite, the log.
 */
@Entity('audit_events')
export class AuditEvent {
  /** bigserial, so a string in TypeScript. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  /** Null for the system itself (jobs, start-up). */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text', { nullable: true })
  actorRole: Role | null;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  /** e.g. 'client.read', 'test-booking.create'. */
  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  /** Text, since ids are uuids or bigints depending on the entity. */
  @Column('text', { nullable: true })
  entityId: string | null;

  /** The person whose data was touched, so the log can be searched by client. */
  @Column('uuid', { nullable: true })
  clientId: string | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  /** Never personal data such as names or identity codes: the log outlives erasure. */
  @Column('jsonb', { default: () => "'{}'::jsonb" })
  details: Record<string, unknown>;
}
