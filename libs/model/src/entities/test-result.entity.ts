import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { Level, Literacy, Pace } from '../code-lists';
import { Client } from './client.entity';
import { TestBooking } from './test-booking.entity';

/**
 * A test result. Never updated in place: a correction inserts version n+1 and clears
 * isCurrent on the old one, so the history stays.
 */
@Entity('test_results')
export class TestResult {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  bookingId: string;

  @ManyToOne(() => TestBooking, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking: Relation<TestBooking>;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;

  @Column('int', { default: 1 })
  version: number;

  @Column('text')
  listening: Level;

  @Column('text')
  speaking: Level;

  @Column('text')
  reading: Level;

  @Column('text')
  writing: Level;

  @Column('text')
  literacy: Literacy;

  @Column('text')
  startLevel: Level;

  @Column('text')
  pace: Pace;

  @Column('text')
  recommendation: string;

  @Column('uuid')
  enteredBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  enteredAt: Date;

  @Column('boolean', { default: true })
  isCurrent: boolean;
}
