import { Controller, Get, Inject, OnApplicationShutdown, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { producerRedisOptions } from '../redis/redis-options';

type Reachability = 'up' | 'down';

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('api/health')
export class HealthController implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = new Redis({
      ...producerRedisOptions(config.redisUrl),
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Database and Redis reachability; 503 when either is down' })
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, redis] = await Promise.all([
      this.check(this.db.query('SELECT 1')),
      this.check(this.pingRedis()),
    ]);
    const status = database === 'up' && redis === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') response.status(503);
    return { status, database, redis };
  }

  /**
   * Whether this service should receive traffic: the stores answer and the schema is the one
   * this code expects (no migration pending, e.g. while another service still applies them).
   */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, Redis and migrations applied; 503 otherwise' })
  async ready(@Res({ passthrough: true }) response: Response) {
    const [database, redis, migrations] = await Promise.all([
      this.check(this.db.query('SELECT 1')),
      this.check(this.pingRedis()),
      this.migrationsApplied(),
    ]);
    const ready = database === 'up' && redis === 'up' && migrations === 'applied';
    if (!ready) response.status(503);
    return { status: ready ? 'ready' : 'not-ready', database, redis, migrations };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }

  private async pingRedis(): Promise<string> {
    if (this.redis.status === 'wait') await this.redis.connect();
    return this.redis.ping();
  }

  private async migrationsApplied(): Promise<'applied' | 'pending' | 'unknown'> {
    try {
      return (await within(2000, this.db.showMigrations())) ? 'pending' : 'applied';
    } catch {
      return 'unknown';
    }
  }

  private async check(probe: Promise<unknown>): Promise<Reachability> {
    try {
      await within(2000, probe);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
