import type { Role } from '@kotoportti/model';
import type TestAgent from 'supertest/lib/agent';
import type { HttpMethod } from './endpoints';

/** What one matrix row says about who may call an endpoint (see access-matrix.e2e-spec.ts). */
export interface AccessRule {
  method: HttpMethod;
  path: string;
  /** Roles besides admin, who may call everything (SPEC §1). */
  allowed: Role[] | 'anyone' | 'signed-in';
  ok: number[];
  /** Where admin's answer differs from `ok`: it belongs to no organisation. */
  admin?: number[];
  scoped?: boolean;
  catalogue?: Role[];
  /** A web page: without a sign-in it redirects to the sign-in page; errors are HTML. */
  page?: boolean;
}

export interface ScopedRequest {
  /** Ids of another organisation's records that the answer must not contain. */
  hidden?: string[];
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
}

export type Caller = Role | 'anonymous';

/** One cell: a caller, asking about its own organisation's record or another's. */
export interface AccessCase {
  role: Caller;
  other: boolean;
  expect: 'ok' | 303 | 401 | 403 | 404;
}

function mayCall(rule: AccessRule, role: Caller): boolean {
  if (rule.allowed === 'anyone') return true;
  if (role === 'anonymous') return false;
  return rule.allowed === 'signed-in' || role === 'admin' || rule.allowed.includes(role);
}

/**
 * The cells of a row, with SPEC §1's answer for each: 401 without a token, 403 for a role
 * the endpoint refuses, 404 for another organisation's record, the row's `ok` otherwise.
 * Admin belongs to no organisation and sees everything, so it has one cell.
 */
export function accessCases(rule: AccessRule, orgRoles: Role[]): AccessCase[] {
  const cases: AccessCase[] = [];
  for (const role of ['anonymous', 'admin', ...orgRoles] as Caller[]) {
    const allowed = mayCall(rule, role);
    const refusal = role !== 'anonymous' ? 403 : rule.page ? 303 : 401;
    cases.push({ role, other: false, expect: allowed ? 'ok' : refusal });
    if (!rule.scoped || role === 'admin' || role === 'anonymous') continue;
    const seesAll = rule.catalogue?.includes(role) ?? false;
    cases.push({ role, other: true, expect: !allowed ? 403 : seesAll ? 'ok' : 404 });
  }
  return cases;
}

const CODES: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden-role' };

/** Sends the request of one cell; what is wrong with the answer, or undefined. */
export async function sendCase(
  http: TestAgent,
  rule: AccessRule,
  access: AccessCase,
  request: ScopedRequest,
  token: string | undefined,
): Promise<string | undefined> {
  const url = rule.path.replace(/:(\w+)/g, (_, name: string) => request.params?.[name] ?? name);
  let call = http[rule.method.toLowerCase() as 'get'](url);
  if (request.query) call = call.query(request.query);
  if (token) call = call.set('Authorization', `Bearer ${token}`);
  if (rule.method !== 'GET') call = call.send(request.body ?? {});
  const response = await call;
  const label = `${access.role}${access.other ? ' (other organisation)' : ''}`;
  const ok = access.role === 'admin' && rule.admin ? rule.admin : rule.ok;
  const expected = access.expect === 'ok' ? ok : [access.expect];
  if (!expected.includes(response.status)) {
    return `${label}: ${response.status}, not ${expected.join('/')}: ${response.text.slice(0, 160)}`;
  }
  const shown = (request.hidden ?? []).filter((hidden) => response.text.includes(hidden));
  if (shown.length) return `${label}: shows another organisation's record ${shown.join(', ')}`;
  if (rule.page) {
    const location = String(response.headers.location ?? '');
    if (response.status === 303 && access.expect === 303 && !location.startsWith('/login')) {
      return `${label}: redirected to ${location}, not to the sign-in page`;
    }
    return undefined;
  }
  const code = CODES[response.status];
  if (code && (response.body as { code?: string }).code !== code) {
    return `${label}: ${response.status} with code ${(response.body as { code?: string }).code}`;
  }
  return undefined;
}
