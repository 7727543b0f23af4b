import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { CourseStatus, Level, Pace, TargetLanguage } from '../code-lists';
import { Organisation } from './organisation.entity';

/** An integration-training course. seatsTaken lives in the row for guarded UPDATEs. */
@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider: Relation<Organisation>;

  /** The region the course serves; its waiting clients are proposed first. */
  @Column('uuid', { nullable: true })
  regionId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'region_id' })
  region: Relation<Organisation> | null;

  @Column('text')
  name: string;

  @Column('text')
  targetLanguage: TargetLanguage;

  @Column('text')
  pace: Pace;

  /** Accepted start levels, inclusive; the database checks minLevel ≤ maxLevel by rank. */
  @Column('text')
  minLevel: Level;

  @Column('text')
  maxLevel: Level;

  @Column('date')
  startsOn: string;

  @Column('date')
  endsOn: string;

  /** The weekly schedule in words, e.g. "Mon–Thu 9–13". */
  @Column('text')
  schedule: string;

  @Column('text')
  location: string;

  @Column('text')
  address: string;

  @Column('int')
  seats: number;

  @Column('int', { default: 0 })
  seatsTaken: number;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('boolean', { default: false })
  childcare: boolean;

  @Column('boolean', { default: false })
  evening: boolean;

  @Column('text', { default: 'published' })
  status: CourseStatus;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
