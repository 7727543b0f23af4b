import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * A repeating pattern of test sessions. Kept as local wall-clock time in a named zone and
 * expanded per date, so 9:00 stays 9:00 across the daylight-saving changes.
 */
@Entity('test_session_series')
export class TestSessionSeries {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  testCentreId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'test_centre_id' })
  testCentre: Relation<Organisation>;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Column('smallint')
  weekday: number;

  /** 'HH:MM:SS' local time. */
  @Column('time')
  localStartTime: string;

  @Column('time')
  localEndTime: string;

  @Column('text', { default: 'Europe/Helsinki' })
  timeZone: string;

  @Column('date')
  firstDate: string;

  @Column('date')
  lastDate: string;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
