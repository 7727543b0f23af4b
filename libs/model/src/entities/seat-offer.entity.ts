import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { SeatOfferStatus } from '../code-lists';
import { Client } from './client.entity';
import { Course } from './course.entity';
import { WaitingListEntry } from './waiting-list-entry.entity';

/** A released seat held for the head of the queue until the office books or declines it. */
@Entity('seat_offers')
export class SeatOffer {
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

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => WaitingListEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id' })
  entry: Relation<WaitingListEntry>;

  @Column('timestamptz', { default: () => 'now()' })
  offeredAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('text', { default: 'open' })
  status: SeatOfferStatus;

  @Column('text', { nullable: true })
  declineReason: string | null;

  @Column('uuid', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  /** The seat booked from the offer, once accepted. */
  @Column('uuid', { nullable: true })
  seatId: string | null;
}
