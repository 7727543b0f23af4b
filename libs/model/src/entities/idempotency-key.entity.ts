import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { IdempotencyState } from '../code-lists';
import { User } from './user.entity';

/**
 * An Idempotency-Key seen from one user: the first answer is replayed for the same key
 * and body. The primary key makes a concurrent duplicate fail instead of running twice.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  /** At most 200 characters. */
  @PrimaryColumn('text')
  key: string;

  /** Hash of method, path and body: the same key with another body is refused. */
  @Column('text')
  requestHash: string;

  @Column('text', { default: 'in-progress' })
  state: IdempotencyState;

  @Column('int', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}
