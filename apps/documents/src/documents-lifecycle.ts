import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { LetterBatchProcessor } from './batches/letter-batch.processor';
import { BrowserPool } from './rendering/browser-pool';

/**
 * Start-up and shutdown order of the document service. The browser is warmed in the
 * background so the first letter does not pay for the launch. On shutdown the batch worker
 * stops first (its batch pauses between chunks), then the browser closes; the queues and
 * the database pool close after, in the platform's own hooks.
 */
@Injectable()
export class DocumentsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('documents');

  constructor(
    private readonly pool: BrowserPool,
    private readonly processor: LetterBatchProcessor,
  ) {}

  onApplicationBootstrap(): void {
    this.pool.warmUp().catch((error: Error) => {
      this.logger.error(`Chromium did not start (CHROMIUM_PATH?): ${error.message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
    await this.pool.close();
  }
}
