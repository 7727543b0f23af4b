import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function inDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// Each test initialises and starts a real server: seconds, not milliseconds.
jest.setTimeout(60_000);

describe('startEmbeddedPostgres', () => {
  const savedPort = process.env.EMBEDDED_PG_PORT;
  const log = () => undefined;
  const dataDirs: string[] = [];
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kotoportti-pg-spec-'));
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    process.env.EMBEDDED_PG_PORT = String(await freePort());
  });

  afterAll(async () => {
    if (savedPort === undefined) delete process.env.EMBEDDED_PG_PORT;
    else process.env.EMBEDDED_PG_PORT = savedPort;
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  it('initialises a new folder, serves the kotoportti database and stops', async () => {
    const dataDir = await newDataDir();
    const pg = await startEmbeddedPostgres(dataDir, log);
    try {
      expect(new URL(pg.url).pathname).toBe('/kotoportti');
      expect(new URL(pg.url).port).toBe(process.env.EMBEDDED_PG_PORT);
      expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect((await stat(join(dataDir, 'postgres.password'))).mode & 0o777).toBe(0o600);
    } finally {
      await pg.stop();
    }
    await expect(query(pg.url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('logs a refused statement without its text or the key it refused', async () => {
    const lines: string[] = [];
    const pg = await startEmbeddedPostgres(await newDataDir(), (line) => lines.push(line));
    try {
      await query(pg.url, `CREATE TABLE people (code text UNIQUE)`);
      await query(pg.url, `INSERT INTO people VALUES ('131052-308T')`);
      await expect(
        query(pg.url, `INSERT INTO people VALUES ('131052-308T')`),
      ).rejects.toMatchObject({ code: '23505' });
      for (let i = 0; i < 40 && !lines.some((line) => line.includes('ERROR')); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(lines.some((line) => line.includes('duplicate key'))).toBe(true);
      expect(lines.filter((line) => line.includes('131052'))).toEqual([]);
    } finally {
      await pg.stop();
    }
  });

  it('starts again on an existing folder with its data and password', async () => {
    const dataDir = await newDataDir();
    const first = await startEmbeddedPostgres(dataDir, log);
    try {
      await query(first.url, "CREATE TABLE kept AS SELECT 'still here' AS note");
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres(dataDir, log);
    try {
      expect(again.url).toBe(first.url);
      expect(await query(again.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await again.stop();
    }
  });

  it('reuses a server already running on the same folder and leaves it running', async () => {
    const dataDir = await newDataDir();
    const owner = await startEmbeddedPostgres(dataDir, log);
    try {
      const guest = await startEmbeddedPostgres(dataDir, log);
      expect(guest.url).toBe(owner.url);
      await guest.stop();
      expect(await query(owner.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await owner.stop();
    }
  });

  it('refuses a port that a server of another folder holds, naming EMBEDDED_PG_PORT', async () => {
    const owner = await startEmbeddedPostgres(await newDataDir(), log);
    try {
      await expect(startEmbeddedPostgres(await newDataDir(), log)).rejects.toThrow(
        /EMBEDDED_PG_PORT/,
      );
    } finally {
      await owner.stop();
    }
  });

  it('provides the btree_gist and pg_trgm extensions that the model needs', async () => {
    const pg = await startEmbeddedPostgres(await newDataDir(), log);
    try {
      await query(pg.url, 'CREATE DATABASE scratch');
      const scratch = inDatabase(pg.url, 'scratch');
      await query(scratch, 'CREATE EXTENSION btree_gist');
      await query(scratch, 'CREATE EXTENSION pg_trgm');
      expect(await query(scratch, "SELECT similarity('Mäkinen', 'Mäkinen') AS same")).toEqual([
        { same: 1 },
      ]);
    } finally {
      await pg.stop();
    }
  });
});
