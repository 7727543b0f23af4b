import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { SeatStatus } from '../code-lists';
import { Client } from './client.entity';
import { Course } from './course.entity';

/** A client's seat on a course; moves only as SEAT_TRANSITIONS allows. */
@Entity('seats')
export class Seat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course: Relation<Course>;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;

  @Column('text', { default: 'reserved' })
  status: SeatStatus;

  @Column('uuid')
  bookedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  bookedAt: Date;

  /** Set when the official seated a client whose level is outside the course range. */
  @Column('text', { nullable: true })
  levelOverrideReason: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  statusChangedAt: Date;

  // Kept by the database from seat_reports (a trigger): the first start report's day, and
  // what the latest dropout, completion and follow-up reports say.
  @Column({ type: 'date', nullable: true, insert: false, update: false })
  startedOn: string | null;

  @Column({ type: 'text', nullable: true, insert: false, update: false })
  dropoutReason: string | null;

  /** The lowest skill level of the latest completion report. */
  @Column({ type: 'text', nullable: true, insert: false, update: false })
  completionLevel: string | null;

  @Column({ type: 'text', nullable: true, insert: false, update: false })
  followUpOutcome: string | null;
}
