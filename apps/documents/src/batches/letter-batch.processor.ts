import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { LETTER_BATCH_WORKER_OPTIONS, LetterBatchJob, QUEUES } from '@kotoportti/platform';
import { BatchInterrupted, LetterBatchRunner } from './letter-batch-runner';

/** Thin: hands the batch to the runner; on shutdown the batch goes back to the queue intact. */
@Processor(QUEUES.letterBatches, LETTER_BATCH_WORKER_OPTIONS)
export class LetterBatchProcessor extends WorkerHost {
  private readonly logger = new Logger('letter-batches');
  private stopping = false;

  constructor(private readonly runner: LetterBatchRunner) {
    super();
  }

  async process(job: Job<LetterBatchJob>, token?: string): Promise<void> {
    try {
      await this.runner.run(job.data.batchId, {
        shouldStop: () => this.stopping,
        progress: (done, total) => job.updateProgress({ done, total }),
      });
    } catch (error) {
      if (!(error instanceof BatchInterrupted) || !token) throw error;
      // Not a failure: another worker (or this one after a restart) resumes it in a second.
      await job.moveToDelayed(Date.now() + 1000, token);
      throw new DelayedError();
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<LetterBatchJob> | undefined, error: Error): void {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      this.runner.markFailed(job.data.batchId, error.message).catch((reason: Error) => {
        this.logger.error(
          `batch ${job.data.batchId} could not be marked failed: ${reason.message}`,
        );
      });
    }
  }

  /** Stops taking batches and lets the one in hand stop between chunks. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.close();
  }
}
