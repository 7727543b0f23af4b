import { Logger } from '@nestjs/common';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DomainError } from '@kotoportti/platform';

/**
 * We run as root in a closed network: no sandbox (it needs user namespaces), no GPU, /tmp
 * instead of a small /dev/shm, and nothing that phones home.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
];

export interface BrowserPoolOptions {
  executablePath: string;
  /** Renders at once: one warm page each. */
  pages: number;
  /** Interactive renders allowed to wait for a page; one more is refused (503). */
  maxWaiting: number;
  /** An interactive render that waited this long is refused rather than left hanging. */
  acquireTimeoutMs: number;
  /** Letters one browser prints before it is replaced, so its memory cannot grow without end. */
  recycleAfterLetters: number;
}

export type RenderPriority = 'interactive' | 'background';

/** The printer has no page free and its queue is full: the caller is told to come back (503). */
export class RendererBusy extends DomainError {
  constructor() {
    super('unavailable', 'renderer-busy', 'The letter printer is busy; try again in a few seconds');
  }
}

interface Generation {
  id: number;
  browser: Browser;
  idle: Page[];
  leased: number;
  letters: number;
  /** No new pages are taken from it; it closes once its last page comes back. */
  retired: boolean;
  /** We are closing it: its disconnection is expected, not a crash. */
  closing: boolean;
}

export interface PageLease {
  page: Page;
  generation: Generation;
}

interface Waiter {
  priority: RenderPriority;
  grant: () => void;
  refuse: (error: Error) => void;
}

/**
 * A warm headless Chromium with a fixed number of pages. Never a browser per letter: one
 * browser serves every render until it has printed `recycleAfterLetters` letters, crashes or
 * hangs; then the next render launches its successor and the old one closes when idle.
 * Interactive renders queue up to `maxWaiting` and are then refused; background renders
 * (batches) wait their turn behind them.
 */
export class BrowserPool {
  private readonly logger = new Logger('browser-pool');
  private current: Generation | undefined;
  private launching: Promise<Generation> | undefined;
  private readonly generations = new Set<Generation>();
  private readonly waiters: Waiter[] = [];
  private slotsInUse = 0;
  private closed = false;
  private generationCount = 0;

  constructor(private readonly options: BrowserPoolOptions) {}

  /** How many browsers this pool has launched: recycling and crash recovery show here. */
  get launches(): number {
    return this.generationCount;
  }

  /** The running browser's process id, for tests that crash it and for memory figures. */
  get browserPid(): number | undefined {
    return this.current?.browser.process()?.pid;
  }

  async warmUp(): Promise<void> {
    const lease = await this.acquire('background');
    this.release(lease, { letters: 0 });
  }

  async acquire(priority: RenderPriority): Promise<PageLease> {
    if (this.closed)
      throw new DomainError('unavailable', 'renderer-closed', 'The printer is stopping');
    if (this.slotsInUse < this.options.pages && this.waiters.length === 0) {
      this.slotsInUse++;
    } else {
      await this.waitForSlot(priority);
    }
    try {
      return await this.leasePage();
    } catch (error) {
      this.freeSlot();
      throw error;
    }
  }

  /** Returns a page; a broken one (crash, timeout) is thrown away with its browser. */
  release(lease: PageLease, outcome: { letters: number } | { broken: true }): void {
    const generation = lease.generation;
    generation.leased--;
    if ('broken' in outcome) {
      // A hung page may mean a hung browser: the retry and every later render get a fresh one.
      this.retire(generation);
      void lease.page.close().catch(() => undefined);
    } else {
      generation.letters += outcome.letters;
      if (generation.letters >= this.options.recycleAfterLetters) this.retire(generation);
      if (generation.retired) void lease.page.close().catch(() => undefined);
      else generation.idle.push(lease.page);
    }
    if (generation.retired && generation.leased === 0) void this.closeGeneration(generation);
    this.freeSlot();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.refuse(new DomainError('unavailable', 'renderer-closed', 'The printer is stopping'));
    }
    const launching = this.launching;
    if (launching) await launching.catch(() => undefined);
    await Promise.all([...this.generations].map((generation) => this.closeGeneration(generation)));
    this.current = undefined;
  }

  private waitForSlot(priority: RenderPriority): Promise<void> {
    const interactiveWaiting = this.waiters.filter((w) => w.priority === 'interactive').length;
    if (priority === 'interactive' && interactiveWaiting >= this.options.maxWaiting) {
      return Promise.reject(new RendererBusy());
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
        refuse: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer =
        priority === 'interactive'
          ? setTimeout(() => {
              this.waiters.splice(this.waiters.indexOf(waiter), 1);
              reject(new RendererBusy());
            }, this.options.acquireTimeoutMs)
          : undefined;
      // Interactive renders go before batches: an official at the desk should not wait for a batch.
      const firstBackground = this.waiters.findIndex((w) => w.priority === 'background');
      if (priority === 'interactive' && firstBackground >= 0) {
        this.waiters.splice(firstBackground, 0, waiter);
      } else {
        this.waiters.push(waiter);
      }
    });
  }

  /** Hands a freed slot straight to the next waiter, so no one can jump the queue. */
  private freeSlot(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.slotsInUse--;
  }

  private async leasePage(): Promise<PageLease> {
    const generation = await this.currentGeneration();
    const page = generation.idle.pop() ?? (await this.newPage(generation.browser));
    generation.leased++;
    return { page, generation };
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    // Letters need no scripts; escaping is the defence, this is the second one.
    await page.setJavaScriptEnabled(false);
    // Laid out for print from the start, so printing does not lay the document out again.
    await page.emulateMediaType('print');
    return page;
  }

  private async currentGeneration(): Promise<Generation> {
    if (this.current && !this.current.retired && this.current.browser.connected) {
      return this.current;
    }
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Generation> {
    const browser = await puppeteer.launch({
      executablePath: this.options.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      // A pipe, not a port: nothing listens, and Chromium exits when this process dies.
      pipe: true,
      // The service closes the browser in its own shutdown hook, after the workers.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: 120_000,
    });
    const generation: Generation = {
      id: ++this.generationCount,
      browser,
      idle: [],
      leased: 0,
      letters: 0,
      retired: false,
      closing: false,
    };
    browser.once('disconnected', () => {
      if (!generation.closing) this.logger.warn(`browser ${generation.id} crashed; replacing it`);
      this.retire(generation);
      this.generations.delete(generation);
    });
    this.generations.add(generation);
    if (this.closed) {
      await this.closeGeneration(generation);
      throw new DomainError('unavailable', 'renderer-closed', 'The printer is stopping');
    }
    this.current = generation;
    return generation;
  }

  private retire(generation: Generation): void {
    generation.retired = true;
    if (this.current === generation) this.current = undefined;
  }

  private async closeGeneration(generation: Generation): Promise<void> {
    if (generation.closing) return;
    generation.closing = true;
    this.retire(generation);
    this.generations.delete(generation);
    const { browser } = generation;
    const closed = browser.close().catch(() => undefined);
    // A browser that does not close in time is killed: a hung one must not outlive us.
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), 5000).unref(),
    );
    if ((await Promise.race([closed, timeout])) === 'timeout') browser.process()?.kill('SIGKILL');
  }
}
