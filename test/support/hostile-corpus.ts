import { randomUUID } from 'node:crypto';
import { dtoFields, Endpoint } from './endpoints';

/** The hostile values of issue 9, grouped by what they attack. */
export const INJECTIONS = [
  "{{constructor.constructor('return process')()}}",
  '${7*7}',
  "'; DROP TABLE clients; --",
  "1' OR '1'='1",
  '<script>alert(1)</script>',
];

/** U+202E turns "Hassan\u202Egnp.exe" into "Hassanexe.png" on screen and in letters. */
export const INVISIBLES = ['Hassan\u202Egnp.exe', 'Amina\u0000', 'Ami\u0007na', 'Am\u2066ina'];

/**
 * The shorter lists sent to every field of every endpoint; the full ones go to the fields
 * of valid bodies (hostile-targets.ts), where each must be refused on its own.
 */
const SOME_INJECTIONS = INJECTIONS.slice(0, 3);
const SOME_INVISIBLES = INVISIBLES.slice(0, 2);

export const BAD_DATES = ['0000-00-00', '2027-02-30', '99999-01-01', '1900-01-01T25:61'];
export const BAD_INSTANTS = [
  '0000-00-00T00:00:00Z',
  '2027-02-30T10:00:00+02:00',
  '99999-01-01T00:00:00Z',
  '1900-01-01T25:61:00Z',
];

export const BAD_IDS = [
  encodeURIComponent('../../etc/passwd'),
  '%2e%2e%2f',
  encodeURIComponent('1 OR 1=1'),
  encodeURIComponent("1'; DROP TABLE clients; --"),
  '-1',
  'x'.repeat(10_240),
];

/** Not valid for any field: an operator object, an array, and the scalar of the other type. */
export const WRONG_TYPES = (kind: FieldKind): unknown[] => [
  { $gt: '' },
  ['\u0000'],
  ...(kind === 'int' ? ['12abc', 1.5] : kind === 'bool' ? ['true', 1] : [12345, true]),
];

export type FieldKind =
  | 'uuid'
  | 'enum'
  | 'date'
  | 'instant'
  | 'int'
  | 'bool'
  | 'person-name'
  | 'text'
  | 'nested'
  | 'other';

/** Which rule family guards a field, read from its class-validator rules. */
export function fieldKind(rules: Set<string>): FieldKind {
  if (rules.has('isPersonName')) return 'person-name';
  if (rules.has('isUuid')) return 'uuid';
  if (rules.has('isIn')) return 'enum';
  if (rules.has('isCalendarDate') || rules.has('isDateString')) return 'date';
  if (rules.has('isIso8601')) return 'instant';
  if (rules.has('isInt')) return 'int';
  if (rules.has('isBoolean')) return 'bool';
  if (rules.has('nestedValidation') || rules.has('isNotEmptyObject')) return 'nested';
  if (rules.has('isNotEmpty') && rules.has('matches')) return 'text';
  return 'other';
}

/** What a case must get back: refused = 4xx, naming `field` when given; harmless = not 5xx. */
export interface HostileCase {
  label: string;
  method: Endpoint['method'];
  url: string;
  body?: unknown;
  /** Sent as bytes with Content-Type: application/json, not serialised. */
  raw?: string | Buffer;
  expect: 'refused' | 'harmless';
  status?: number[];
  field?: string;
}

const hasBody = (endpoint: Endpoint) => endpoint.method !== 'GET';

/** A concrete URL: every :param a fresh UUID unless given. */
export function fillPath(endpoint: Endpoint, given: Record<string, string> = {}): string {
  return endpoint.path.replace(/:(\w+)/g, (_, name: string) => given[name] ?? randomUUID());
}

/** Whether a field's rules must refuse an injection or symbol string outright. */
const refusesSymbols = (kind: FieldKind) => !['text', 'other'].includes(kind);

/** The web pages answer in HTML and catch their own form errors; /api is the JSON API. */
export const isApi = (endpoint: { path: string }) => endpoint.path.startsWith('/api/');

export function casesFor(endpoint: Endpoint): HostileCase[] {
  // A page's forms show their problems beside the fields (web tests cover those); here the
  // pages get the hostile ids and query strings, which must never reach a 5xx.
  if (!isApi(endpoint)) return [...idCases(endpoint), ...queryCases(endpoint).slice(0, 2)];
  return [
    ...idCases(endpoint),
    ...queryCases(endpoint),
    ...(hasBody(endpoint) ? bodyCases(endpoint) : []),
  ];
}

function idCases(endpoint: Endpoint): HostileCase[] {
  return endpoint.params.flatMap((param) => [
    // Not encoded: the router sees other path segments, which must be a plain 404.
    {
      label: `raw traversal in :${param}`,
      method: endpoint.method,
      url: fillPath(endpoint, { [param]: '../../etc/passwd' }),
      expect: 'refused' as const,
      status: [400, 404],
    },
    ...BAD_IDS.map((id) => ({
      label: `:${param} = ${id.slice(0, 30)}`,
      method: endpoint.method,
      url: fillPath(endpoint, { [param]: id }),
      body: {},
      expect: 'refused' as const,
      // A page's parameter may be a name (a report, an asset) rather than an id: not found.
      status: isApi(endpoint) ? [400] : [400, 404],
      // With a body DTO too, Nest reports the body's problems first and stops there.
      field: endpoint.body || !isApi(endpoint) ? undefined : param,
    })),
  ]);
}

function queryCases(endpoint: Endpoint): HostileCase[] {
  const base = fillPath(endpoint);
  const paging = '?limit=1000000000&pageSize=1000000000&offset=-1&page=-1';
  const pollution = '?__proto__[admin]=1&constructor[prototype][admin]=1';
  // Without a query DTO the handler reads no query string, and ignoring it is right.
  const generic = endpoint.query ? ('refused' as const) : ('harmless' as const);
  const cases: HostileCase[] = [
    {
      label: 'huge page size, negative offset',
      method: endpoint.method,
      url: base + paging,
      body: {},
      expect: generic,
    },
    {
      label: 'prototype pollution in query',
      method: endpoint.method,
      url: base + pollution,
      body: {},
      expect: generic,
    },
  ];
  if (!endpoint.query) return cases;
  for (const [field, rules] of dtoFields(endpoint.query)) {
    const kind = fieldKind(rules);
    // A field checked only when another is set (ValidateIf) is skipped while that one is missing.
    const conditional = rules.has('conditionalValidation');
    const named = (value: string, refuse: boolean, label = value): HostileCase => ({
      label: `?${field}=${label.slice(0, 30)}`,
      method: endpoint.method,
      url: `${base}?${field}=${encodeURIComponent(value)}`,
      body: {},
      expect: refuse ? 'refused' : 'harmless',
      field: refuse && !conditional ? field : undefined,
    });
    cases.push(
      ...SOME_INJECTIONS.map((value) => named(value, refusesSymbols(kind))),
      ...SOME_INVISIBLES.map((value) => named(value, kind !== 'other')),
      named('99999999999999999999', kind !== 'text' && kind !== 'other'),
      named('-1', kind !== 'text' && kind !== 'other'),
      {
        label: `?${field} twice`,
        method: endpoint.method,
        url: `${base}?${field}=a&${field}=b`,
        body: {},
        expect: 'refused',
        field: conditional ? undefined : field,
      },
    );
    if (kind === 'date') cases.push(...BAD_DATES.map((value) => named(value, true)));
  }
  return cases;
}

function bodyCases(endpoint: Endpoint): HostileCase[] {
  const url = fillPath(endpoint);
  const raw = (label: string, bytes: string | Buffer, status: number[]): HostileCase => ({
    label,
    method: endpoint.method,
    url,
    raw: bytes,
    expect: 'refused',
    status,
  });
  const cases = [
    raw('malformed JSON', '{"name": "A",', [400]),
    raw('JSON with a trailing comment', '{"a": 1} // x', [400]),
    raw('bare string body', '"text"', [400]),
    raw('body over 100 kB', JSON.stringify({ name: 'x'.repeat(150_000) }), [413]),
  ];
  // Without a DTO the handler reads no body; what it does with an empty one is its business.
  if (!endpoint.body) return cases;
  const fields = dtoFields(endpoint.body);
  const send = (label: string, body: unknown, field?: string, refused = true): HostileCase => ({
    label,
    method: endpoint.method,
    url,
    body,
    expect: refused ? 'refused' : 'harmless',
    field,
  });
  cases.push(
    raw('null body', 'null', [400]),
    send('array body', [{}]),
    send('unknown fields', { isAdmin: true, role: 'admin', __proto__x: 1 }),
    send('constructor key', JSON.parse('{"constructor": {"prototype": {"admin": true}}}')),
  );
  for (const [field, rules] of fields) {
    const kind = fieldKind(rules);
    const named = rules.has('conditionalValidation') ? undefined : field;
    for (const value of WRONG_TYPES(kind))
      cases.push(send(`${field}: ${JSON.stringify(value)}`, { [field]: value }, named));
    if (kind === 'nested') {
      cases.push(send(`${field}: "text"`, { [field]: 'text' }, named));
      continue;
    }
    for (const value of SOME_INJECTIONS)
      cases.push(
        send(`${field}: ${value}`, { [field]: value }, refusesSymbols(kind) ? named : undefined),
      );
    for (const value of SOME_INVISIBLES)
      cases.push(
        send(
          `${field}: ${JSON.stringify(value)}`,
          { [field]: value },
          kind === 'other' ? undefined : named,
        ),
      );
    cases.push(
      raw(
        `${field}: invalid UTF-8`,
        Buffer.concat([
          Buffer.from(`{"${field}": "A`),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from('"}'),
        ]),
        [400],
      ),
    );
    if (kind === 'date')
      cases.push(
        ...BAD_DATES.map((value) => send(`${field}: ${value}`, { [field]: value }, named)),
      );
    if (kind === 'instant')
      cases.push(
        ...BAD_INSTANTS.map((value) => send(`${field}: ${value}`, { [field]: value }, named)),
      );
  }
  return cases;
}
