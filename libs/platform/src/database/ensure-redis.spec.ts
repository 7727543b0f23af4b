import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ensureRedis } from './ensure-redis';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Sends one command on a fresh connection that neither retries nor queues. */
async function command(url: string, run: (client: Redis) => Promise<unknown>): Promise<unknown> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await run(client);
  } finally {
    if (client.status !== 'end') client.disconnect();
  }
}

describe('ensureRedis', () => {
  const log = () => undefined;
  let dataDir: string;
  let url: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kotoportti-redis-spec-'));
    url = `redis://127.0.0.1:${await freePort()}`;
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts a private redis-server when nothing answers, and stops it', async () => {
    const redis = await ensureRedis(url, dataDir, log);
    try {
      expect(await command(url, (client) => client.ping())).toBe('PONG');
      expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
    } finally {
      await redis.stop();
    }
    await expect(command(url, (client) => client.ping())).rejects.toThrow();
  });

  it('keeps queued data across a restart of the private server', async () => {
    const first = await ensureRedis(url, dataDir, log);
    try {
      await command(url, (client) => client.rpush('jobs', 'letter-1'));
    } finally {
      await first.stop();
    }
    const again = await ensureRedis(url, dataDir, log);
    try {
      expect(await command(url, (client) => client.lrange('jobs', 0, -1))).toEqual(['letter-1']);
    } finally {
      await again.stop();
    }
  });

  it('leaves a Redis that already answers alone', async () => {
    const owner = await ensureRedis(url, dataDir, log);
    try {
      const lines: string[] = [];
      const guest = await ensureRedis(url, dataDir, (line) => lines.push(line));
      await guest.stop();
      expect(lines).toEqual([]);
      expect(await command(url, (client) => client.ping())).toBe('PONG');
    } finally {
      await owner.stop();
    }
  });

  describe('when redis-server is not on PATH', () => {
    const savedPath = process.env.PATH;
    let emptyBin: string;

    beforeEach(async () => {
      emptyBin = await mkdtemp(join(tmpdir(), 'kotoportti-empty-bin-'));
      process.env.PATH = emptyBin;
    });

    afterEach(async () => {
      process.env.PATH = savedPath;
      await rm(emptyBin, { recursive: true, force: true });
    });

    it('fails with one line saying how to get Redis', async () => {
      const failure = ensureRedis(url, dataDir, log);
      await expect(failure).rejects.toThrow(
        /apt-get install redis-server.*docker compose up -d redis.*REDIS_URL/,
      );
      await expect(failure).rejects.not.toThrow(/\n/);
      expect(existsSync(join(dataDir, 'redis'))).toBe(false);
    });
  });

  it('does not start a private server for a Redis on another host', async () => {
    // 127.0.0.2 is still loopback, so nothing leaves the machine, but it is not "this host" by name.
    const elsewhere = url.replace('127.0.0.1', '127.0.0.2');
    await expect(ensureRedis(elsewhere, dataDir, log)).rejects.toThrow(
      /apt-get install redis-server/,
    );
    expect(existsSync(join(dataDir, 'redis'))).toBe(false);
  });
});
