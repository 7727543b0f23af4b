import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { TargetLanguage, TestKind, TestSessionStatus } from '../code-lists';
import { Organisation } from './organisation.entity';
import { TestSessionSeries } from './test-session-series.entity';

/**
 * A test time at a centre. bookedCount is kept in the row so that booking can take a place
 * with one guarded UPDATE; the CHECK keeps it within capacity whatever the code does.
 */
@Entity('test_sessions')
export class TestSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  testCentreId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'test_centre_id' })
  testCentre: Relation<Organisation>;

  @Column('uuid', { nullable: true })
  seriesId: string | null;

  @ManyToOne(() => TestSessionSeries, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'series_id' })
  series: Relation<TestSessionSeries> | null;

  @Column('text')
  kind: TestKind;

  @Column('text')
  targetLanguage: TargetLanguage;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  /** The room; a room cannot hold two overlapping scheduled sessions. */
  @Column('text')
  location: string;

  @Column('text')
  address: string;

  @Column('int')
  capacity: number;

  @Column('int', { default: 0 })
  bookedCount: number;

  @Column('text', { default: 'scheduled' })
  status: TestSessionStatus;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
