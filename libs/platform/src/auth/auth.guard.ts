import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@kotoportti/model';
import { Forbidden, Unauthenticated } from '../errors/domain-error';
import type { RequestWithActor } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokenService } from './token.service';

export const SESSION_COOKIE = 'kp_session';

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie is sent by the browser on its own; a change must also prove it came from our page. */
function csrfMatches(request: Request, expected: string | undefined): boolean {
  const body = request.body as Record<string, unknown> | undefined;
  const given = request.headers['x-csrf-token'] ?? body?._csrf;
  if (typeof given !== 'string' || !expected || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * Every route needs a signed-in user unless marked @Public(); the role check of SPEC §1
 * happens here, the organisation check in the services (which answer 404).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);

    const bearer = bearerToken(request);
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (bearer) request.actor = (await this.tokens.resolve(bearer, 'api')) ?? undefined;
    else if (cookie) request.actor = (await this.tokens.resolve(cookie, 'web')) ?? undefined;

    if (isPublic) return true;
    const actor = request.actor;
    if (!actor) throw new Unauthenticated();
    if (!bearer && !SAFE_METHODS.has(request.method) && !csrfMatches(request, actor.csrfToken)) {
      throw new Forbidden('The form is out of date: reload the page and try again');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && actor.role !== 'admin' && !roles.includes(actor.role)) throw new Forbidden();
    return true;
  }
}
