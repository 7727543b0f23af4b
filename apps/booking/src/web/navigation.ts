import type { Role } from '@kotoportti/model';

export interface NavItem {
  href: string;
  /** Translation key of the link text. */
  label: string;
}

/** What each role works with (SPEC §1); statistics pages belong to the statistics feature. */
const NAVIGATION: Record<Role, NavItem[]> = {
  official: [
    { href: '/clients', label: 'nav.clients' },
    { href: '/test-places', label: 'nav.testPlaces' },
    { href: '/courses', label: 'nav.courses' },
    { href: '/waiting-lists', label: 'nav.waitingLists' },
    { href: '/letters/batch', label: 'nav.letters' },
    { href: '/statistics', label: 'nav.statistics' },
  ],
  tester: [
    { href: '/sessions', label: 'nav.sessions' },
    { href: '/sessions/new', label: 'nav.newSession' },
  ],
  provider: [
    { href: '/courses', label: 'nav.courses' },
    { href: '/courses/new', label: 'nav.newCourse' },
  ],
  analyst: [{ href: '/statistics', label: 'nav.statistics' }],
  admin: [
    { href: '/statistics', label: 'nav.statistics' },
    { href: '/api/docs', label: 'nav.apiDocs' },
  ],
};

/** Where a role lands after signing in. */
const HOME: Record<Role, string> = {
  official: '/clients',
  tester: '/sessions',
  provider: '/courses',
  analyst: '/home',
  admin: '/home',
};

export function navigationOf(role: Role, path: string) {
  return NAVIGATION[role].map((item) => ({
    ...item,
    current: path === item.href || path.startsWith(`${item.href}/`),
  }));
}

export function homeOf(role: Role): string {
  return HOME[role];
}
