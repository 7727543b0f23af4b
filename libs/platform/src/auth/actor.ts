import type { Role } from '@kotoportti/model';

/** Who is asking: resolved from a bearer token or a session cookie on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Null only for an installation's first admin, who belongs to no organisation. */
  organisationId: string | null;
  uiLanguage: string;
  /** Set for web sessions: forms must echo it back. */
  csrfToken?: string;
}

export interface RequestWithActor {
  actor?: Actor;
  requestId?: string;
}
