import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './private-redis';

const ROOT = join(__dirname, '..', '..');

/**
 * The documents service as production runs it (apps/documents/src/main.ts), in a child
 * process of its own process group, so a test can kill it, browser and all, like a crash.
 */
export class DocumentsProcess {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(env: {
    DATABASE_URL: string;
    QUEUE_PREFIX: string;
  }): Promise<DocumentsProcess> {
    const port = await freePort();
    const service = new DocumentsProcess(`http://127.0.0.1:${port}`, {
      ...process.env,
      ...env,
      PORT: String(port),
      NODE_ENV: 'test',
    });
    await service.spawn();
    return service;
  }

  /** What the service printed, for a failing test's message. */
  get log(): string {
    return this.output.slice(-4000);
  }

  async spawn(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'test/support/register-ts.js'), join(ROOT, 'apps/documents/src/main.ts')],
      { cwd: ROOT, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`documents service exited:\n${this.log}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`documents service did not answer:\n${this.log}`);
  }

  /** SIGKILL to the whole group: Node and its Chromium die at once, mid-work, as in a crash. */
  async crash(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the service's own shutdown (worker, browser, queues, database). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
    // Whatever the shutdown left behind (it should be nothing) goes too.
    try {
      process.kill(-this.child!.pid!, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(signal === 'SIGKILL' ? -child.pid! : child.pid!, signal);
    await exited;
  }
}
