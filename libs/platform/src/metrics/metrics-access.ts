import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Metrics reveal traffic and backlog, not people, but they are still not for the public:
 * with METRICS_TOKEN set, the scraper must send it as a bearer token; without it, only a
 * scraper on the same machine (loopback, and not forwarded by a proxy) may read them.
 */
export function mayReadMetrics(request: Request, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return (
      given !== undefined &&
      given.length === token.length &&
      timingSafeEqual(Buffer.from(given), Buffer.from(token))
    );
  }
  // request.ip already follows X-Forwarded-For from a trusted loopback proxy, so traffic a
  // local reverse proxy forwards from outside is not mistaken for a local scraper.
  return LOOPBACK.has(request.ip ?? '');
}
