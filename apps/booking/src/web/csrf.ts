import { timingSafeEqual } from 'node:crypto';

/** Before sign-in there is no session to hold a CSRF token: a cookie and a field must match. */
export const LOGIN_CSRF_COOKIE = 'kp_login_csrf';

export function sameToken(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length === 0 || a.length !== b.length)
    return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
