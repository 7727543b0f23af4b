import { User, type Role, type UiLanguage } from '@kotoportti/model';
import type { EntityManager } from 'typeorm';
import type { DemoOrganisationIds, DemoOrganisationKey } from './demo-organisations';

/** The one password of every demo user; README-demo-users.md documents it. */
export const DEMO_PASSWORD = 'kotoportti-demo';

export interface DemoUser {
  username: string;
  role: Role;
  displayName: string;
  organisation: DemoOrganisationKey | null;
  uiLanguage: UiLanguage;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'official',
    role: 'official',
    displayName: 'Aino Virtanen',
    organisation: 'helsinki',
    uiLanguage: 'fi',
  },
  {
    username: 'official2',
    role: 'official',
    displayName: 'Mikko Lehtonen',
    organisation: 'tampere',
    uiLanguage: 'fi',
  },
  {
    username: 'official-sv',
    role: 'official',
    displayName: 'Linnea Holmström',
    organisation: 'raseborg',
    uiLanguage: 'sv',
  },
  {
    username: 'tester',
    role: 'tester',
    displayName: 'Sanna Mäkinen',
    organisation: 'pasila',
    uiLanguage: 'fi',
  },
  {
    username: 'tester2',
    role: 'tester',
    displayName: 'Jussi Heikkilä',
    organisation: 'hervanta',
    uiLanguage: 'fi',
  },
  {
    username: 'provider',
    role: 'provider',
    displayName: 'Riikka Salonen',
    organisation: 'kielipolku',
    uiLanguage: 'fi',
  },
  {
    username: 'provider2',
    role: 'provider',
    displayName: 'Teemu Laine',
    organisation: 'pirkanmaa-opisto',
    uiLanguage: 'fi',
  },
  {
    username: 'provider-sv',
    role: 'provider',
    displayName: 'Johan Lindqvist',
    organisation: 'kustens',
    uiLanguage: 'sv',
  },
  {
    username: 'analyst',
    role: 'analyst',
    displayName: 'Päivi Koskinen',
    organisation: 'uusimaa',
    uiLanguage: 'fi',
  },
  {
    username: 'admin',
    role: 'admin',
    displayName: 'Kotoportin ylläpito',
    organisation: null,
    uiLanguage: 'en',
  },
];

export interface DemoUserIds {
  /** username → id, including demo usernames that were already taken (see `skipped`). */
  byUsername: ReadonlyMap<string, string>;
  created: number;
  /** Usernames that existed before, e.g. the first admin from ADMIN_USERNAME=admin. */
  skipped: string[];
}

/**
 * Inserts the demo users, all with the one hash of DEMO_PASSWORD (argon2 is slow on purpose,
 * so the caller hashes once). A username already taken is left as it is rather than failing
 * the whole demo.
 */
export async function insertDemoUsers(
  manager: EntityManager,
  organisationIds: DemoOrganisationIds,
  passwordHash: string,
): Promise<DemoUserIds> {
  const inserted: { username: string }[] = await manager
    .createQueryBuilder()
    .insert()
    .into(User)
    .values(
      DEMO_USERS.map((user) => ({
        username: user.username,
        passwordHash,
        displayName: user.displayName,
        role: user.role,
        organisationId: user.organisation ? organisationIds[user.organisation] : null,
        uiLanguage: user.uiLanguage,
      })),
    )
    .orIgnore()
    .returning(['username'])
    .execute()
    .then((result) => result.raw as { username: string }[]);

  const rows: { id: string; username: string }[] = await manager.query(
    `SELECT id, username FROM users WHERE lower(username) = ANY($1::text[])`,
    [DEMO_USERS.map((user) => user.username.toLowerCase())],
  );
  const createdNames = new Set(inserted.map((row) => row.username));
  return {
    byUsername: new Map(rows.map((row) => [row.username.toLowerCase(), row.id])),
    created: createdNames.size,
    skipped: DEMO_USERS.map((user) => user.username).filter((name) => !createdNames.has(name)),
  };
}

/** The id of the demo user who stands for an organisation's work (creator of its rows). */
export function demoUserIdOf(users: DemoUserIds, username: string): string {
  const id = users.byUsername.get(username.toLowerCase());
  if (!id) throw new Error(`demo user ${username} is missing`);
  return id;
}
