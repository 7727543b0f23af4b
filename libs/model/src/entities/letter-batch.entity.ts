import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LetterBatchStatus } from '../code-lists';

/** Many letters rendered in the background into one printable PDF. */
@Entity('letter_batches')
export class LetterBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { default: 'queued' })
  status: LetterBatchStatus;

  @Column('int', { default: 0 })
  total: number;

  @Column('int', { default: 0 })
  done: number;

  /** What the official asked for (kind, date, session ids…), so a restarted worker can redo it. */
  @Column('jsonb', { default: () => "'{}'::jsonb" })
  params: Record<string, unknown>;

  /** Loaded only on request: it can be megabytes. */
  @Column('bytea', { nullable: true, select: false })
  pdf: Buffer | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @Column('text', { nullable: true })
  error: string | null;
}
