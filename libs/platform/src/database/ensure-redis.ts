import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';

export interface EnsuredRedis {
  /** Shuts down the private redis-server; a no-op when Redis was already there. */
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** Refused: nothing listens there. Failed: something answered, but not a usable Redis. */
type Answer = { ok: true } | { ok: false; refused: boolean; reason: string };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Makes sure Redis answers at redisUrl. When nothing does and the URL points at this machine,
 * starts a private redis-server with its files in `${dataDir}/redis`, so that a newcomer only
 * needs the Debian package; otherwise fails with one line saying how to get Redis.
 */
export async function ensureRedis(
  redisUrl: string,
  dataDir: string,
  log: Log,
): Promise<EnsuredRedis> {
  const answer = await ping(redisUrl);
  if (answer.ok) return { stop: async () => undefined };
  const shown = redacted(redisUrl);
  if (!answer.refused) {
    throw new Error(`Redis at ${shown} did not answer PING (${answer.reason}): check REDIS_URL`);
  }
  const url = new URL(redisUrl);
  const redisServer = findOnPath('redis-server');
  if (!redisServer || url.protocol !== 'redis:' || !LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(
      `Nothing answers at ${shown}: install Redis (apt-get install redis-server), ` +
        'or start one with `docker compose up -d redis`, or set REDIS_URL to a running Redis',
    );
  }
  return startPrivateRedis(redisServer, url, resolve(dataDir, 'redis'), log);
}

async function ping(redisUrl: string): Promise<Answer> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // With retries off, connect() only says "Connection is closed."; the cause comes as an event.
  let cause: (Error & { code?: string }) | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return { ok: true };
  } catch (error) {
    const { code, message } = cause ?? (error as Error & { code?: string });
    const refused = code === 'ECONNREFUSED' || code === 'ETIMEDOUT';
    return { ok: false, refused, reason: message };
  } finally {
    // disconnect() on a connection that already ended would hold the process for 2 s.
    if (client.status !== 'end') client.disconnect();
  }
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function redacted(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

async function startPrivateRedis(
  redisServer: string,
  url: URL,
  dir: string,
  log: Log,
): Promise<EnsuredRedis> {
  const port = url.port || '6379';
  const bind = url.hostname.includes(':') ? '::1' : '127.0.0.1';
  await mkdir(dir, { recursive: true });
  log(`redis: nothing answers at ${redacted(url.toString())}; starting ${redisServer} in ${dir}`);
  // Append-only file: jobs queued before a restart are still there after it. No RDB snapshots
  // besides: one that fails (a full disk) would make Redis refuse to shut down.
  const args = ['--port', port, '--bind', bind, '--dir', dir, '--appendonly', 'yes', '--save', ''];
  if (url.password) args.push('--requirepass', decodeURIComponent(url.password));
  // Its own process group, so that Ctrl-C reaches the application first and the application
  // stops Redis after its workers have finished.
  const child = spawn(redisServer, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(`redis: ${line}`);
    });
  }
  const state = { running: true };
  const exited = new Promise<void>((resolveExit) => {
    const done = (error?: Error) => {
      if (error) recent.push(error.message);
      state.running = false;
      resolveExit();
    };
    child.once('exit', () => done());
    child.once('error', done);
  });
  const stopOnExit = () => child.kill('SIGTERM');
  process.on('exit', stopOnExit);

  if (await waitUntilAnswers(url.toString(), state)) {
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        process.removeListener('exit', stopOnExit);
        if (state.running) await stopProcess(child, exited);
      })();
      return stopping;
    };
    return { stop };
  }

  process.removeListener('exit', stopOnExit);
  if (state.running) await stopProcess(child, exited);
  // Another service of ours may have started one on the same port a moment earlier.
  if ((await ping(url.toString())).ok) return { stop: async () => undefined };
  const reason = recent.filter((line) => /#|error|fatal/i.test(line)).pop() ?? recent.pop();
  throw new Error(
    `The private redis-server on port ${port} did not start: ${reason ?? 'no output'}`,
  );
}

async function waitUntilAnswers(redisUrl: string, state: { running: boolean }): Promise<boolean> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (state.running && Date.now() < deadline) {
    if ((await ping(redisUrl)).ok) return true;
    await sleep(100);
  }
  return false;
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  // SIGTERM makes Redis flush the append-only file and exit.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
