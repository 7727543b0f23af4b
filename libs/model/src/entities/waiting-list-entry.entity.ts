import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { Level, Pace, TargetLanguage, WaitingListStatus } from '../code-lists';
import { Client } from './client.entity';
import { Organisation } from './organisation.entity';
import { TestResult } from './test-result.entity';

/**
 * A client's place in the queue for integration training. Queue order: priority first,
 * then waitingSince, ties by resultAt. lastEventVersion is the outbox id of the last event
 * applied, so a duplicate or late event is recognised and skipped.
 */
@Entity('waiting_list_entries')
export class WaitingListEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;

  @Column('uuid')
  officeId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'office_id' })
  office: Relation<Organisation>;

  @Column('uuid')
  regionId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region: Relation<Organisation>;

  @Column('text')
  targetLanguage: TargetLanguage;

  @Column('text')
  pace: Pace;

  @Column('text')
  startLevel: Level;

  @Column('date')
  waitingSince: string;

  /** When the result was entered: breaks ties between clients waiting since the same day. */
  @Column('timestamptz')
  resultAt: Date;

  @Column('uuid', { nullable: true })
  resultId: string | null;

  @ManyToOne(() => TestResult, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'result_id' })
  result: Relation<TestResult> | null;

  @Column('text', { default: 'waiting' })
  status: WaitingListStatus;

  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;

  /** The Helsinki day of `endedAt`, kept by the database (a generated column). */
  @Column({ type: 'date', nullable: true, insert: false, update: false })
  endedOn: string | null;

  @Column('text', { nullable: true })
  endReason: string | null;

  @Column('boolean', { default: false })
  priority: boolean;

  @Column('text', { nullable: true })
  priorityReason: string | null;

  /** bigint, so a string in TypeScript. */
  @Column('bigint', { default: '0' })
  lastEventVersion: string;

  /** The outbox id of the result event that set the queue keys; older ones are ignored. */
  @Column('bigint', { default: '0' })
  keysVersion: string;

  /** The seat that placed the client, while placed. */
  @Column('uuid', { nullable: true })
  seatId: string | null;

  /** The official who removed the entry by hand; endReason holds their reason. */
  @Column('uuid', { nullable: true })
  removedBy: string | null;

  @Column('uuid', { nullable: true })
  prioritySetBy: string | null;

  @Column('timestamptz', { nullable: true })
  prioritySetAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
