import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Inserted in the consumer's own transaction: a second delivery of the same event hits
 * the primary key and is skipped, so each event is applied exactly once.
 */
@Entity('consumed_events')
export class ConsumedEvent {
  @PrimaryColumn('text')
  consumer: string;

  /** outbox_events.id; bigint, so a string in TypeScript. No FK: the outbox may be pruned. */
  @PrimaryColumn('bigint')
  eventId: string;

  @Column('timestamptz', { default: () => 'now()' })
  consumedAt: Date;
}
