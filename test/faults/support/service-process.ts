import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 120_000;

export type ServiceName = 'booking' | 'queue' | 'documents';

/**
 * One service as production runs it: the built bundle (`npm run build`) in a Node process of
 * its own process group, so that a SIGKILL takes the service and its Chromium down at once,
 * as a crash or an OOM kill would.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last lines the service printed, for a failing scenario's message. */
  get log(): string {
    return this.output.slice(-3000);
  }

  async start(): Promise<void> {
    const bundle = join(ROOT, 'dist', 'apps', this.name, 'main.js');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
    const child = spawn(process.execPath, [bundle], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited:\n${this.log}`);
      if (await this.healthy()) return;
      await sleep(200);
    }
    throw new Error(`${this.name} did not answer within ${START_TIMEOUT_MS} ms:\n${this.log}`);
  }

  /** SIGKILL to the whole group: no shutdown hook runs, as in a crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', true);
  }

  /** SIGTERM: the service's own clean shutdown; then whatever it left behind goes too. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM', false);
    await this.signal('SIGKILL', true);
  }

  private async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/api/health`)).ok;
    } catch {
      return false;
    }
  }

  private async signal(signal: NodeJS.Signals, group: boolean): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const running = child.exitCode === null && child.signalCode === null;
    const exited = running ? new Promise((resolve) => child.once('exit', resolve)) : undefined;
    try {
      process.kill(group ? -child.pid : child.pid, signal);
    } catch {
      // the process (group) is already gone
    }
    await exited;
  }
}
