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
import type { LanguageCode, TargetLanguage } from '../code-lists';
import { Organisation } from './organisation.entity';

/** A person the employment office serves. Every read and write of this row is audited. */
@Entity('clients')
export class Client {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The employment office the client belongs to. */
  @Column('uuid')
  officeId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'office_id' })
  office: Relation<Organisation>;

  @Column('text')
  firstName: string;

  @Column('text')
  lastName: string;

  /** 'YYYY-MM-DD'. */
  @Column('date')
  birthDate: string;

  /** The Finnish henkilötunnus when the client has one; never logged. */
  @Column('text', { nullable: true })
  personalIdentityCode: string | null;

  @Column('text')
  nativeLanguage: LanguageCode;

  @Column('text')
  letterLanguage: LanguageCode;

  @Column('text')
  targetLanguage: TargetLanguage;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  streetAddress: string | null;

  @Column('text', { nullable: true })
  postalCode: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { nullable: true })
  interpreterLanguage: LanguageCode | null;

  /** User id; who-did-it stamps carry no TypeORM relation, only the database FK. */
  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Set when the retention period has passed and the personal data was replaced (GDPR). */
  @Column('timestamptz', { nullable: true })
  pseudonymisedAt: Date | null;
}
