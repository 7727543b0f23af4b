import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainEventJob } from '@kotoportti/platform';
import { DataSource, EntityManager } from 'typeorm';
import { prepared } from '../entries/prepared';

export type DomainEventHandler = (manager: EntityManager, event: DomainEventJob) => Promise<void>;

const CONSUMER = 'queue';

/**
 * Applies each domain event exactly once: the consumed_events row and the handler's changes
 * commit together, so a redelivered job finds its row and does nothing.
 */
@Injectable()
export class DomainEventConsumer {
  private readonly logger = new Logger('domain-events');
  private readonly handlers = new Map<string, DomainEventHandler>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The waiting-list service registers what it does for each event type. */
  on(type: string, handler: DomainEventHandler): void {
    this.handlers.set(type, handler);
  }

  /** Returns false when the event had already been applied. */
  async apply(event: DomainEventJob): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const claimed = await prepared(
        manager,
        'queue.claim-event',
        `INSERT INTO consumed_events (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [CONSUMER, event.eventId],
      );
      if (claimed.length === 0) return false;
      const handler = this.handlers.get(event.type);
      if (handler) await handler(manager, event);
      else this.logger.debug(`no handler for ${event.type}; marked consumed`);
      return true;
    });
  }
}
