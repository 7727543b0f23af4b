import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PRIVACY_JOB_OPTIONS, PRIVACY_JOBS, PRIVACY_SCHEDULE, QUEUES } from '@kotoportti/platform';

/**
 * Registers the nightly retention sweep. upsertJobScheduler is idempotent by id, so every
 * booking instance may call it and there is still one schedule and one run per night.
 */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('retention-schedule');

  constructor(@InjectQueue(QUEUES.privacy) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const name = PRIVACY_JOBS.pseudonymiseExpired;
    try {
      await this.queue.upsertJobScheduler(name, PRIVACY_SCHEDULE, {
        name,
        opts: PRIVACY_JOB_OPTIONS,
      });
    } catch (error) {
      // Redis down at start-up: the service still serves; the schedule comes with the next start.
      this.logger.warn(`retention schedule not registered: ${(error as Error).message}`);
    }
  }
}
