import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUE_MAINTENANCE_JOBS, QUEUES } from '@kotoportti/platform';
import { OfferLifecycleService } from '../offers/offer-lifecycle.service';
import { helsinkiToday } from '../offers/offer-placement';
import { QueueSnapshotsService } from '../snapshots/queue-snapshots.service';

/** Thin: the timed jobs of the queue service call a service method each. */
@Processor(QUEUES.queueMaintenance)
export class QueueMaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly offers: OfferLifecycleService,
    private readonly snapshots: QueueSnapshotsService,
  ) {
    super();
  }

  async process(job: Job): Promise<{ done: number }> {
    switch (job.name) {
      case QUEUE_MAINTENANCE_JOBS.sweepSeatOffers:
        return { done: await this.offers.sweep() };
      case QUEUE_MAINTENANCE_JOBS.snapshotQueues:
        return { done: await this.snapshots.take(helsinkiToday()) };
      default:
        throw new Error(`unknown queue maintenance job ${job.name}`);
    }
  }
}
