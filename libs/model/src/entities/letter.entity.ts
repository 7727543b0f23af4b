import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { LanguageCode, LetterKind, OfficeLanguage } from '../code-lists';
import { Client } from './client.entity';
import { LetterBatch } from './letter-batch.entity';
import { Seat } from './seat.entity';
import { TestBooking } from './test-booking.entity';

/** A letter as sent: the office can always show exactly what it printed. */
@Entity('letters')
export class Letter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: LetterKind;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;

  /** Required for test invitations. */
  @Column('uuid', { nullable: true })
  testBookingId: string | null;

  @ManyToOne(() => TestBooking, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'test_booking_id' })
  testBooking: Relation<TestBooking> | null;

  /** Required for course-place letters. */
  @Column('uuid', { nullable: true })
  seatId: string | null;

  @ManyToOne(() => Seat, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'seat_id' })
  seat: Relation<Seat> | null;

  /** A batch holds each (kind, client, booking, seat) once, so a restarted worker cannot duplicate. */
  @Column('uuid', { nullable: true })
  batchId: string | null;

  @ManyToOne(() => LetterBatch, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'batch_id' })
  batch: Relation<LetterBatch> | null;

  /** The client's language block. */
  @Column('text')
  language: LanguageCode;

  @Column('text')
  officeLanguage: OfficeLanguage;

  @Column('text')
  templateVersion: string;

  /** Loaded only on request: it can be large. */
  @Column('bytea', { select: false })
  pdf: Buffer;

  /** Lower-case hex. */
  @Column('text')
  sha256: string;

  @Column('int')
  sizeBytes: number;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
