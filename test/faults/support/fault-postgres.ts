import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from '../../../libs/platform/src/database/embedded-postgres';

/**
 * A PostgreSQL cluster of the fault suite's own (the embedded server, in a temporary data
 * folder, on its own port), so that the suite may shut it down mid-load without touching the
 * machine's shared server on 5432 that other people's tests use.
 */
export class FaultPostgres {
  private server: EmbeddedPostgres | undefined;

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(dataDir: string, port: number): Promise<FaultPostgres> {
    const postgres = new FaultPostgres(dataDir, port);
    await postgres.up();
    return postgres;
  }

  get url(): string {
    if (!this.server) throw new Error('the fault suite PostgreSQL is not running');
    return this.server.url;
  }

  /**
   * Shuts the server down as an operator or a crash would: `fast` (SIGINT) rolls back open
   * transactions and closes every connection; `immediate` (SIGQUIT) exits at once and
   * recovers from the WAL at the next start.
   */
  async down(mode: 'fast' | 'immediate'): Promise<void> {
    const server = this.server;
    if (!server) return;
    if (mode === 'immediate') process.kill(await this.postmasterPid(), 'SIGQUIT');
    // stop() waits for the postmaster to exit (and sends SIGINT when it still runs).
    await server.stop();
    this.server = undefined;
  }

  async up(): Promise<void> {
    // The embedded server reads its port from the environment, as the services do.
    process.env.EMBEDDED_PG_PORT = String(this.port);
    for (let attempt = 1; ; attempt++) {
      try {
        this.server = await startEmbeddedPostgres(this.dataDir, () => undefined);
        return;
      } catch (error) {
        // Right after an immediate shutdown the old port may still be held for a moment.
        if (attempt >= 5) throw error;
        await sleep(500);
      }
    }
  }

  async stop(): Promise<void> {
    await this.down('fast');
  }

  private async postmasterPid(): Promise<number> {
    const pidFile = await readFile(join(this.dataDir, 'postgres', 'postmaster.pid'), 'utf8');
    return Number(pidFile.split('\n')[0]);
  }
}
