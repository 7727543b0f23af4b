import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { OfficeLanguage, OrganisationKind } from '../code-lists';

/** An employment office, test centre, course provider or region (ELY centre). */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: OrganisationKind;

  @Column('text')
  name: string;

  /** The language an office writes its letters in, beside the client's language. */
  @Column('text', { default: 'fi' })
  language: OfficeLanguage;

  /** Required for employment offices: queues and statistics are kept per region. */
  @Column('uuid', { nullable: true })
  regionId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'region_id' })
  region: Relation<Organisation> | null;

  // Offices print these on their letters.
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
