import { createServer } from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/**
 * The first free port from `from` up. Fixed ranges rather than the OS's pick: the suite
 * restarts PostgreSQL and Redis on the same port, and an ephemeral port could meanwhile be
 * handed to someone's outgoing connection.
 */
export async function portFrom(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (taken.has(port)) continue;
    if (await isFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port from ${from} to ${from + 199}`);
}
