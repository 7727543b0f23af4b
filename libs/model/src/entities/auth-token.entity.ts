import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { AuthTokenKind } from '../code-lists';
import { User } from './user.entity';

/**
 * A bearer token or web session. Only the SHA-256 of the random opaque token is stored,
 * so a copy of the database does not hand out live sessions.
 */
@Entity('auth_tokens')
export class AuthToken {
  @PrimaryColumn('text')
  tokenHash: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @Column('text')
  kind: AuthTokenKind;

  /** Web sessions only: the form token checked on every state-changing request. */
  @Column('text', { nullable: true })
  csrfToken: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
