import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface ApiServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The booking service as production runs it (apps/booking/src/main.ts, compiled), in a
 * process of its own, so the load generator does not share its event loop.
 */
export async function startApiServer(databaseUrl: string, port: number): Promise<ApiServer> {
  const distRoot = resolve(__dirname, '../..');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '-r',
      'tsconfig-paths/register',
      resolve(distRoot, 'apps/booking/src/main.js'),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        QUEUE_PREFIX: `kp-bench-${process.pid}`,
        NODE_ENV: 'production',
        // tsconfig-paths resolves @kotoportti/* against the compiled tree, not the sources.
        TS_NODE_BASEURL: distRoot,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<void>((resolveListening, reject) => {
    lines.on('line', (line) => {
      if (line.includes('listening on')) resolveListening();
    });
    child.once('exit', (code) => reject(new Error(`the API server exited with ${code}`)));
  });
  await listening;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
