import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { ConsentMethod } from '../code-lists';
import { Client } from './client.entity';

/**
 * The client's consent to data exchange between office, test centre and providers.
 * At most one consent per client is active (withdrawnAt is null); the history stays.
 */
@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;

  @Column('timestamptz')
  givenAt: Date;

  @Column('text')
  method: ConsentMethod;

  @Column('uuid')
  recordedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt: Date;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { nullable: true })
  withdrawnBy: string | null;
}
