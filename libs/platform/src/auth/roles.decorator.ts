import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@kotoportti/model';
import { Unauthenticated } from '../errors/domain-error';
import type { Actor, RequestWithActor } from './actor';

export const ROLES_KEY = 'kotoportti:roles';
export const PUBLIC_KEY = 'kotoportti:public';

/** The roles that may call a handler; admin may call everything (SPEC §1). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A handler anyone may call, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Unauthenticated();
  return actor;
});
