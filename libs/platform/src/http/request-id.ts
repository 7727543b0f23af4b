import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { RequestWithActor } from '../auth/actor';

const SAFE_ID = /^[A-Za-z0-9_.-]{8,100}$/;

/** Ties log lines and audit events of one request together; echoes a caller's own id if sane. */
export function requestId(
  request: Request & RequestWithActor,
  response: Response,
  next: NextFunction,
) {
  const given = request.headers['x-request-id'];
  request.requestId = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}
