import type TestAgent from 'supertest/lib/agent';
import type { HostileCase } from './hostile-corpus';

interface ErrorShape {
  statusCode?: unknown;
  error?: unknown;
  message?: unknown;
  details?: unknown;
}

/** What is wrong with the answer to one hostile request, or undefined when it is right. */
export async function runCase(
  http: TestAgent,
  token: string,
  hostile: HostileCase,
): Promise<string | undefined> {
  let request = http[hostile.method.toLowerCase() as 'get'](hostile.url).set(
    'Authorization',
    `Bearer ${token}`,
  );
  if (hostile.raw !== undefined) {
    // serialize: superagent would otherwise JSON-encode a Buffer as {type, data}.
    request = request
      .set('Content-Type', 'application/json')
      .serialize((raw: unknown) => raw as string)
      .send(hostile.raw as string);
  } else if (hostile.body !== undefined && hostile.method !== 'GET') {
    request = request.send(hostile.body as object);
  }
  const response = await request;
  const status = response.status;
  if (status >= 500) return `${status} ${response.text.slice(0, 200)}`;
  if (hostile.expect === 'refused' && (status < 400 || status >= 500)) return `${status}, not 4xx`;
  if (hostile.status && !hostile.status.includes(status)) {
    return `${status}, not ${hostile.status.join(' or ')}: ${response.text.slice(0, 200)}`;
  }
  // Pages answer errors as HTML pages; the JSON error shape is the API's.
  if (status >= 400 && hostile.url.startsWith('/api/')) {
    const problem = shapeProblem(status, response.body as ErrorShape);
    if (problem) return problem;
  }
  if (hostile.field) return fieldProblem(status, response.body as ErrorShape, hostile.field);
  return undefined;
}

/** SPEC §4: {statusCode, error, message, details?}. */
function shapeProblem(status: number, body: ErrorShape): string | undefined {
  if (
    body?.statusCode !== status ||
    typeof body.error !== 'string' ||
    typeof body.message !== 'string'
  ) {
    return `${status} not in the error shape: ${JSON.stringify(body).slice(0, 200)}`;
  }
  return undefined;
}

/** Bad input is 400 naming the offending field (a nested one counts for its parent). */
function fieldProblem(status: number, body: ErrorShape, field: string): string | undefined {
  const named = Array.isArray(body.details)
    ? (body.details as Array<{ field?: string }>).map((detail) => detail.field ?? '')
    : [];
  if (status === 400 && named.some((name) => name === field || name.startsWith(`${field}.`))) {
    return undefined;
  }
  return `${status} naming [${named.join(', ')}], not ${field}`;
}
