import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PRIVACY_JOBS, QUEUES } from '@kotoportti/platform';
import { RetentionService } from './retention.service';

/** Thin: the nightly retention job calls the service. */
@Processor(QUEUES.privacy)
export class RetentionProcessor extends WorkerHost {
  constructor(private readonly retention: RetentionService) {
    super();
  }

  async process(job: Job): Promise<{ pseudonymised: number | null }> {
    if (job.name !== PRIVACY_JOBS.pseudonymiseExpired) {
      throw new Error(`unknown privacy job ${job.name}`);
    }
    return { pseudonymised: await this.retention.pseudonymiseExpired() };
  }
}
