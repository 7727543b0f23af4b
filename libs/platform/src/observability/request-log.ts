import type { NextFunction, Request, Response } from 'express';
import type { RequestWithActor } from '../auth/actor';
import { httpRequestDuration } from '../metrics/process-metrics';
import { writeLogLine } from './log-line';

/** The route pattern Express matched, e.g. /api/clients/:id; never the URL with its values. */
function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  const path = typeof route?.path === 'string' ? route.path : undefined;
  if (!path) return '(unmatched)';
  return `${request.baseUrl ?? ''}${path}`;
}

/**
 * One JSON line per request, and its duration in the request histogram. Deliberately only
 * these fields: the URL's query (`?q=` searches by name or identity code), bodies, headers
 * and tokens carry personal data or secrets and never reach the log.
 */
export function requestLog(options: { log: boolean }) {
  return (request: Request & RequestWithActor, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      const status = response.statusCode;
      httpRequestDuration.observe(
        { method: request.method, route, status: String(status) },
        seconds,
      );
      if (!options.log) return;
      writeLogLine({
        level: status >= 500 ? 'error' : 'log',
        context: 'http',
        message: 'request',
        requestId: request.requestId,
        method: request.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e5) / 100,
        userId: request.actor?.userId,
      });
    });
    next();
  };
}
