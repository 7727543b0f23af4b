import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { TooManyRequests } from '../errors/domain-error';
import { producerRedisOptions } from '../redis/redis-options';

/** Hashed, so Redis holds no usernames; lower-cased, as sign-in ignores case. */
function userKey(prefix: string, username: string): string {
  const digest = createHash('sha256').update(username.trim().toLowerCase()).digest('hex');
  return `${prefix}:login-failures:user:${digest}`;
}

function addressKey(prefix: string, address: string): string {
  return `${prefix}:login-failures:address:${address}`;
}

// Counts a failure and starts the window with the first one, atomically: a key never lives
// without an expiry, and the window is not extended by later failures.
const COUNT_FAILURE = `
  local n = redis.call('INCR', KEYS[1])
  if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  return n`;

/**
 * Failed sign-ins counted per username and per client address in Redis, so the limit holds
 * across the three services. Over the limit, sign-in answers 429 with Retry-After until the
 * window (from the first failure) has passed, even with the right password: a guesser must
 * not learn that a guess was right. A success clears the username's count, not the
 * address's (one valid account must not reset a spraying address).
 * Redis being down lets sign-in through unthrottled: signing in matters more than the
 * limit during an outage, and the outage is logged.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly logger = new Logger('login-throttle');
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis({ ...producerRedisOptions(config.redisUrl), lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }

  /** Throws TooManyRequests when the username or the address has used up its attempts. */
  async check(username: string, address: string | undefined): Promise<void> {
    const limited = this.limited(username, address);
    const answer = await this.run(async (redis) => {
      const pipeline = redis.multi();
      for (const { key } of limited) pipeline.get(key).pttl(key);
      return pipeline.exec();
    });
    if (!answer) return;
    let waitMs = 0;
    limited.forEach(({ limit }, i) => {
      const count = Number(answer[i * 2]?.[1] ?? 0);
      const ttl = Number(answer[i * 2 + 1]?.[1] ?? 0);
      if (count >= limit && ttl > 0) waitMs = Math.max(waitMs, ttl);
    });
    if (waitMs > 0) {
      throw new TooManyRequests(
        'too-many-login-attempts',
        'Too many failed sign-ins; try again later',
        Math.ceil(waitMs / 1000),
      );
    }
  }

  async failed(username: string, address: string | undefined): Promise<void> {
    const windowMs = String(this.config.loginWindowMinutes * 60_000);
    await this.run((redis) =>
      Promise.all(
        this.limited(username, address).map(({ key }) =>
          redis.eval(COUNT_FAILURE, 1, key, windowMs),
        ),
      ),
    );
  }

  async succeeded(username: string): Promise<void> {
    await this.run((redis) => redis.del(userKey(this.config.queuePrefix, username)));
  }

  private limited(username: string, address: string | undefined) {
    const prefix = this.config.queuePrefix;
    const limits = [{ key: userKey(prefix, username), limit: this.config.loginMaxFailuresPerUser }];
    if (address) {
      limits.push({
        key: addressKey(prefix, address),
        limit: this.config.loginMaxFailuresPerAddress,
      });
    }
    return limits;
  }

  private async run<T>(work: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      return await work(this.redis);
    } catch (error) {
      this.logger.warn(`sign-in not throttled, Redis unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }
}
