import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { RetentionService } from './retention.service';

export interface RetentionTimerOptions {
  /** After start-up, so that a restart loop does not sweep again and again. */
  firstRunMs: number;
  everyMs: number;
}

export const RETENTION_TIMER_OPTIONS = Symbol('retention-timer-options');

export const DEFAULT_RETENTION_TIMER: RetentionTimerOptions = {
  firstRunMs: 60 * 60_000,
  everyMs: 24 * 60 * 60_000,
};

/**
 * Runs the retention sweep an hour after start-up and then once a day. A timer rather than a
 * BullMQ job: the sweep needs only PostgreSQL, so it keeps working, and the service keeps
 * starting and stopping, while Redis is down. Every booking instance has its timer; the
 * sweep's advisory lock lets one run at a time, and a second run finds nothing left to do.
 */
@Injectable()
export class RetentionTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly retention: RetentionService,
    @Inject(RETENTION_TIMER_OPTIONS) private readonly options: RetentionTimerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.options.firstRunMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), ms);
    // A pending sweep must not keep a finished process alive.
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.running = this.retention
      .pseudonymiseExpired()
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`retention sweep failed: ${error.message}`));
    await this.running;
    this.running = undefined;
    this.schedule(this.options.everyMs);
  }
}
