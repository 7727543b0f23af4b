import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { Role, UiLanguage } from '../code-lists';
import { Organisation } from './organisation.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case (a unique index on lower(username)). */
  @Column('text')
  username: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  displayName: string;

  @Column('text')
  role: Role;

  /** Null only for admins and analysts: the first admin exists before any organisation. */
  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Relation<Organisation> | null;

  @Column('text', { default: 'fi' })
  uiLanguage: UiLanguage;

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
