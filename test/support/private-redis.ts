import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function answers(port: number): Promise<boolean> {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export interface PrivateRedisOptions {
  /**
   * Keep an append-only file in this folder, as production's private Redis does (see
   * ensure-redis.ts), with every write synced: a test that kills the server then tests the
   * outage and not a lost disk buffer, and what was queued before the kill is there after it.
   * Without it nothing is kept.
   */
  appendOnlyDir?: string;
}

/** A real Redis of the test's own, which the test may stop and start again on the same port. */
export class PrivateRedis {
  private process: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly options: PrivateRedisOptions = {},
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
    const dir = this.options.appendOnlyDir;
    if (dir) args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always');
    else args.push('--appendonly', 'no');
    this.process = spawn('redis-server', args, { stdio: 'ignore' });
    // Ten seconds: replaying an append-only file on a busy machine takes a while.
    for (let i = 0; i < 200; i++) {
      if (await answers(this.port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server on ${this.port} did not answer`);
  }

  /** SIGKILL: an outage, not a shutdown; nothing gets a chance to finish. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.process = undefined;
  }
}
