import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { DropoutReason, FollowUpOutcome, Level, SeatReportKind, Skill } from '../code-lists';
import { Seat } from './seat.entity';

/** Levels reached at completion, one per skill assessed. */
export type SkillLevels = Partial<Record<Skill, Level>>;

/** A provider's (or office's) report on a seat: start, dropout, completion, follow-up plan. */
@Entity('seat_reports')
export class SeatReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  seatId: string;

  @ManyToOne(() => Seat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seat_id' })
  seat: Relation<Seat>;

  @Column('text')
  kind: SeatReportKind;

  /** The day the reported thing happened, not when it was typed in. */
  @Column('date')
  reportDate: string;

  /** Required when kind is 'dropout'. */
  @Column('text', { nullable: true })
  dropoutReason: DropoutReason | null;

  /** Required when kind is 'completion'. */
  @Column('jsonb', { nullable: true })
  levels: SkillLevels | null;

  /** Required when kind is 'follow-up'. */
  @Column('text', { nullable: true })
  outcome: FollowUpOutcome | null;

  @Column('text', { nullable: true })
  text: string | null;

  @Column('uuid')
  reportedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  reportedAt: Date;
}
