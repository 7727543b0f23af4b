import { modelDataSourceOptions } from '@kotoportti/model';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createOrganisation, createUser, TEST_PASSWORD } from '../../support/factories';
import { PrivateRedis } from '../../support/private-redis';
import { FaultPostgres } from './fault-postgres';
import { portFrom } from './ports';
import { type ServiceName, ServiceProcess } from './service-process';

export interface User {
  token: string;
  userId: string;
  organisationId: string | null;
}

const ROLE_ORGANISATION = {
  official: 'employment-office',
  tester: 'test-centre',
  provider: 'course-provider',
} as const;

/**
 * Everything the fault scenarios run against: a private PostgreSQL and Redis the suite may
 * stop, and the three services from their built bundles, each on its own port.
 */
export class FaultWorld {
  db: DataSource;
  readonly services: Record<ServiceName, ServiceProcess>;

  private constructor(
    private readonly dir: string,
    readonly postgres: FaultPostgres,
    readonly redis: PrivateRedis,
    ports: Record<ServiceName, number>,
  ) {
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'kp-faults',
      DATA_DIR: join(dir, 'service-data'),
      LOG_REQUESTS: 'false',
      NODE_ENV: 'test',
    };
    this.services = {
      booking: new ServiceProcess('booking', ports.booking, env),
      queue: new ServiceProcess('queue', ports.queue, env),
      documents: new ServiceProcess('documents', ports.documents, env),
    };
  }

  static async start(): Promise<FaultWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'kotoportti-faults-'));
    // PostgreSQL runs as user postgres when we are root: it must pass through to its data.
    chmodSync(dir, 0o711);
    const redis = new PrivateRedis(await portFrom(56480), { appendOnlyDir: dir });
    let postgres: FaultPostgres | undefined;
    let world: FaultWorld | undefined;
    try {
      postgres = await FaultPostgres.start(join(dir, 'pg'), await portFrom(56460));
      await redis.start();
      world = new FaultWorld(dir, postgres, redis, {
        booking: await portFrom(3460),
        queue: await portFrom(3470),
        documents: await portFrom(3480),
      });
      // One after another: the first runs the migrations, the others find them done.
      for (const service of Object.values(world.services)) await service.start();
      await world.connect();
      return world;
    } catch (error) {
      // A half-started world would leave servers running after Jest has gone.
      if (world) await world.close();
      else {
        await redis.stop();
        await postgres?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
      throw error;
    }
  }

  /** A URL of the service's API. */
  url(service: ServiceName, path: string): string {
    return `${this.services[service].url}/api${path}`;
  }

  /** The suite's own connection pool, opened again after PostgreSQL was restarted. */
  async connect(): Promise<void> {
    if (this.db?.isInitialized) await this.db.destroy().catch(() => undefined);
    this.db = new DataSource({ ...modelDataSourceOptions(this.postgres.url), poolSize: 4 });
    await this.db.initialize();
  }

  /** A user of the role in a fresh organisation, signed in through the booking service. */
  async signIn(role: keyof typeof ROLE_ORGANISATION, organisationId?: string): Promise<User> {
    const orgId = organisationId ?? (await createOrganisation(this.db, ROLE_ORGANISATION[role]));
    const user = await createUser(this.db, role, orgId);
    const response = await fetch(this.url('booking', '/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login gave ${response.status}`);
    const { token } = (await response.json()) as { token: string };
    return { token, userId: user.id, organisationId: orgId };
  }

  async close(): Promise<void> {
    for (const service of Object.values(this.services)) await service.stop();
    await this.db?.destroy().catch(() => undefined);
    await this.redis.stop();
    await this.postgres.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
