import type { Actor } from '@kotoportti/platform';
import { Forbidden } from '@kotoportti/platform';

/**
 * The organisation whose records an actor may touch; null for an admin, who may touch all
 * (SPEC §1). Services compare it with a course's provider or a client's office and answer
 * 404 on a mismatch, so a foreign record looks like a missing one.
 */
export function organisationScope(actor: Actor): string | null {
  if (actor.role === 'admin') return null;
  if (!actor.organisationId) throw new Forbidden('You belong to no organisation');
  return actor.organisationId;
}

/** Whether a record owned by `ownerId` is within the actor's scope. */
export function withinScope(actor: Actor, ownerId: string): boolean {
  const scope = organisationScope(actor);
  return scope === null || scope === ownerId;
}
