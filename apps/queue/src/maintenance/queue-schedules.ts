import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  QUEUE_MAINTENANCE_JOB_OPTIONS,
  QUEUE_MAINTENANCE_JOBS,
  QUEUE_MAINTENANCE_SCHEDULES,
  QUEUES,
} from '@kotoportti/platform';

/**
 * Registers the repeatable jobs at start-up. upsertJobScheduler is idempotent by id, so three
 * services (or restarts) starting together still give one schedule each, and one run per tick.
 */
@Injectable()
export class QueueSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('queue-schedules');

  constructor(@InjectQueue(QUEUES.queueMaintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const name of Object.values(QUEUE_MAINTENANCE_JOBS)) {
        await this.queue.upsertJobScheduler(name, QUEUE_MAINTENANCE_SCHEDULES[name], {
          name,
          opts: QUEUE_MAINTENANCE_JOB_OPTIONS,
        });
      }
    } catch (error) {
      // Redis down at start-up: the service still serves; the schedules come with the next start.
      this.logger.warn(`queue schedules not registered: ${(error as Error).message}`);
    }
  }
}
