import { dtoFields, Endpoint } from './endpoints';
import {
  BAD_DATES,
  BAD_INSTANTS,
  fieldKind,
  FieldKind,
  HostileCase,
  INJECTIONS,
  INVISIBLES,
  WRONG_TYPES,
} from './hostile-corpus';

/** A body the endpoint accepts, so that one hostile field is the only thing wrong with it. */
export interface ValidRequest {
  url: string;
  body: Record<string, unknown>;
}

/** The values a field of this kind must refuse even inside an otherwise valid body. */
function refusedValues(kind: FieldKind): unknown[] {
  switch (kind) {
    case 'person-name':
      return [...INJECTIONS, ...INVISIBLES, '', ' '];
    case 'text':
      return [...INVISIBLES, ''];
    case 'uuid':
    case 'enum':
      return INJECTIONS;
    case 'date':
      return BAD_DATES;
    case 'instant':
      return BAD_INSTANTS;
    case 'int':
      return [-1, 1e12];
    case 'bool':
    case 'nested':
    case 'other':
      return [];
  }
}

/**
 * Each field of a valid body in turn made hostile: the answer must be 400 naming exactly
 * that field. Free text may rightly hold quotes and braces (they are escaped where shown),
 * so injection strings are refused only where the field's rule says what may be in it.
 */
export function targetedCases(endpoint: Endpoint, valid: ValidRequest): HostileCase[] {
  if (!endpoint.body) return [];
  const cases: HostileCase[] = [];
  for (const [field, rules] of dtoFields(endpoint.body)) {
    const kind = fieldKind(rules);
    for (const value of [...WRONG_TYPES(kind), ...refusedValues(kind)]) {
      cases.push({
        label: `valid body but ${field}: ${JSON.stringify(value).slice(0, 40)}`,
        method: endpoint.method,
        url: valid.url,
        body: { ...valid.body, [field]: value },
        expect: 'refused',
        status: [400],
        field,
      });
    }
    if (kind === 'text' || kind === 'person-name') cases.push(invalidUtf8(endpoint, valid, field));
  }
  return cases;
}

/** Bytes that are not UTF-8 in one string field; a parser that guesses would store U+FFFD. */
function invalidUtf8(endpoint: Endpoint, valid: ValidRequest, field: string): HostileCase {
  const [head, tail] = JSON.stringify({ ...valid.body, [field]: 'A\u0001B' }).split('\\u0001');
  return {
    label: `valid body but ${field} with invalid UTF-8`,
    method: endpoint.method,
    url: valid.url,
    raw: Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(tail)]),
    expect: 'refused',
    status: [400],
  };
}
