import { resolve } from 'node:path';

/** Everything the services read from the environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  /** Unset means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  /** Connections each service keeps to PostgreSQL at most. */
  databasePoolSize: number;
  redisUrl: string;
  chromiumPath: string;
  adminUsername: string | undefined;
  adminPassword: string | undefined;
  /** Where the embedded PostgreSQL and a private Redis keep their files. */
  dataDir: string;
  /** Lifetime of API bearer tokens and web session cookies. */
  sessionTtlMinutes: number;
  /** How long a process reuses a token it resolved; a revocation elsewhere waits this long. */
  tokenCacheMs: number;
  /** Prefix of every BullMQ key, so tests and installations sharing one Redis stay apart. */
  queuePrefix: string;
  /** Secure cookies need HTTPS; a plain-HTTP developer machine turns it off. */
  secureCookies: boolean;
  /** How many working days a released seat is held for the head of the queue. */
  offerHoldWorkingDays: number;
  /** Whether a no-show at course start returns the client to the queue with the original date. */
  noShowPolicy: NoShowPolicy;
  /** Bearer token a Prometheus scraper sends to /metrics; unset: only loopback may scrape. */
  metricsToken: string | undefined;
  /** One JSON line per HTTP request on stdout (tests turn it off to keep their output short). */
  logRequests: boolean;
  /** Days after a client's last activity before the client is pseudonymised. */
  retentionDays: number;
  /** Failed sign-ins allowed per username, and per client address, within the window. */
  loginMaxFailuresPerUser: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
}

export const NO_SHOW_POLICIES = ['return', 'end'] as const;
export type NoShowPolicy = (typeof NO_SHOW_POLICIES)[number];

function noShowPolicy(env: NodeJS.ProcessEnv): NoShowPolicy {
  const raw = env.QUEUE_NO_SHOW_POLICY;
  if (raw === undefined || raw === '') return 'return';
  const found = NO_SHOW_POLICIES.find((policy) => policy === raw);
  if (!found) throw new ConfigError(`QUEUE_NO_SHOW_POLICY must be return or end, got "${raw}"`);
  return found;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], fallback?: string) {
  const raw = env[name] || fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${protocols[0]}//host:port, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${raw}"`);
  }
  return raw;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9_-]{24,200}$/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN must be 24-200 letters, digits, _ or -');
  }
  return raw;
}

/** `defaultPort` differs per service when the three run side by side (3000, 3001, 3002). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaultPort = 3000): AppConfig {
  const adminUsername = env.ADMIN_USERNAME || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 12 characters long');
  }
  return {
    port: integer(env, 'PORT', defaultPort, 1, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    // Twice TypeORM's 10: with 50 officials booking at once, 20 connections took 478-521
    // bookings/s (p99 201-242 ms) where 10 took 291-294 (p99 276-321 ms); bench/booking, runs
    // alternated on one machine, 2026-11-23. Three services stay within PostgreSQL's 100.
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1, 200),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379')!,
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    adminUsername,
    adminPassword,
    dataDir: resolve(env.DATA_DIR || '.data'),
    sessionTtlMinutes: integer(env, 'SESSION_TTL_MINUTES', 480, 1, 60 * 24 * 30),
    tokenCacheMs: integer(env, 'TOKEN_CACHE_MS', 2000, 0, 10_000),
    queuePrefix: env.QUEUE_PREFIX || 'kotoportti',
    secureCookies: boolean(env, 'SECURE_COOKIES', env.NODE_ENV === 'production'),
    offerHoldWorkingDays: integer(env, 'QUEUE_OFFER_HOLD_WORKING_DAYS', 3, 1, 30),
    noShowPolicy: noShowPolicy(env),
    metricsToken: metricsToken(env),
    logRequests: boolean(env, 'LOG_REQUESTS', true),
    // Five years after the last activity by default: long enough for the follow-up of
    // integration training and appeals, short enough not to keep people's data for ever.
    retentionDays: integer(env, 'RETENTION_DAYS', 5 * 365, 30, 100 * 365),
    loginMaxFailuresPerUser: integer(env, 'LOGIN_MAX_FAILURES_PER_USER', 5, 1, 1000),
    loginMaxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 30, 1, 100_000),
    loginWindowMinutes: integer(env, 'LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
  };
}
