import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { Level, Pace, TargetLanguage } from '../code-lists';
import { Organisation } from './organisation.entity';

/** One queue's figures on one day, so trends can be drawn without replaying history. */
@Entity('queue_snapshots')
export class QueueSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('date')
  day: string;

  @Column('text')
  targetLanguage: TargetLanguage;

  @Column('text')
  pace: Pace;

  @Column('text')
  level: Level;

  @Column('uuid')
  regionId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region: Relation<Organisation>;

  @Column('int')
  length: number;

  @Column('date', { nullable: true })
  oldestSince: string | null;

  /** numeric, so a string in TypeScript (pg keeps full precision). */
  @Column('numeric', { nullable: true })
  medianWaitDays: string | null;

  @Column('numeric', { nullable: true })
  p90WaitDays: string | null;
}
