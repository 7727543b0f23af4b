import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { LanguageCode, TestBookingStatus, TestKind } from '../code-lists';
import { Client } from './client.entity';
import { TestSession } from './test-session.entity';

/**
 * A client's place in a test session. kind, startsAt and endsAt are copied from the
 * session because PostgreSQL indexes and exclusion constraints cannot look at another
 * table: "one active booking per kind" and "no overlapping bookings" need them here.
 */
@Entity('test_bookings')
export class TestBooking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @ManyToOne(() => TestSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session: Relation<TestSession>;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;

  @Column('text')
  kind: TestKind;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text', { default: 'booked' })
  status: TestBookingStatus;

  @Column('text', { nullable: true })
  interpreterLanguage: LanguageCode | null;

  @Column('uuid')
  bookedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  bookedAt: Date;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid', { nullable: true })
  cancelledBy: string | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('uuid', { nullable: true })
  attendanceMarkedBy: string | null;

  @Column('timestamptz', { nullable: true })
  attendanceMarkedAt: Date | null;

  /** The booking this one replaced; unique, so a booking is moved at most once. */
  @Column('uuid', { nullable: true })
  rebookedFromId: string | null;

  @ManyToOne(() => TestBooking, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'rebooked_from_id' })
  rebookedFrom: Relation<TestBooking> | null;
}
