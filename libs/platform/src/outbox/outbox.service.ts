import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface NewDomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/**
 * Domain events are written in the same transaction as the change they describe; the relay
 * publishes them only once that transaction has committed, so no job ever refers to a change
 * that was rolled back, and a Redis outage loses nothing.
 */
@Injectable()
export class OutboxService {
  async record(manager: EntityManager, event: NewDomainEvent): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [event.type, event.aggregateType, event.aggregateId, event.payload],
    );
    return rows[0].id;
  }
}
