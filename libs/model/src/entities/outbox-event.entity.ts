import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it describes; a relay
 * publishes it to BullMQ afterwards, so a crash or a Redis outage loses nothing. The id
 * doubles as the event's version for consumers.
 */
@Entity('outbox_events')
export class OutboxEvent {
  /** bigserial, so a string in TypeScript. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** e.g. 'result-recorded', 'seat-released'. */
  @Column('text')
  type: string;

  @Column('text')
  aggregateType: string;

  @Column('text')
  aggregateId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;
}
