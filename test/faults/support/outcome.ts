import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What a client saw of one HTTP request. Clean: a refusal in the single error shape of
 * SPEC §4, 4xx or 503. Unclean: anything else that is not a success (a 500, a body of
 * another shape). Unanswered: no answer at all (the service was killed mid-request).
 */
export type Outcome =
  | { kind: 'ok'; status: number; body: Record<string, unknown> }
  | { kind: 'clean'; status: number; code: string }
  | { kind: 'unclean'; status: number; text: string }
  | { kind: 'unanswered'; reason: string };

export interface Call {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  token: string;
  body?: unknown;
  idempotencyKey?: string;
}

const TIMEOUT_MS = 30_000;

function isErrorShape(body: unknown, status: number): body is { code: string } {
  const b = body as Record<string, unknown> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    b.statusCode === status &&
    typeof b.error === 'string' &&
    typeof b.message === 'string'
  );
}

export async function send(call: Call): Promise<Outcome> {
  const headers: Record<string, string> = { Authorization: `Bearer ${call.token}` };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { kind: 'unanswered', reason: cause?.code ?? (error as Error).message };
  }
  const status = response.status;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return status < 300
      ? { kind: 'unclean', status, text: `not JSON: ${text.slice(0, 200)}` }
      : { kind: 'unclean', status, text: text.slice(0, 300) };
  }
  if (status >= 200 && status < 300) {
    return { kind: 'ok', status, body: body as Record<string, unknown> };
  }
  if ((status < 500 || status === 503) && isErrorShape(body, status)) {
    return { kind: 'clean', status, code: body.code };
  }
  return { kind: 'unclean', status, text: text.slice(0, 300) };
}

/** Answers a client should retry with the same Idempotency-Key: the outcome is not known yet. */
export function worthRetrying(outcome: Outcome): boolean {
  if (outcome.kind === 'unanswered') return true;
  if (outcome.kind !== 'clean') return false;
  return outcome.status === 503 || outcome.code === 'idempotency-in-progress';
}

/**
 * A careful client: repeats the request with the same Idempotency-Key while the answer
 * leaves it unknown whether the request took effect, until a definite answer or the
 * deadline. Every attempt is reported, so the tally counts what was really sent.
 */
export async function sendUntilKnown(
  call: Call,
  deadline: number,
  onAttempt: (outcome: Outcome) => void,
): Promise<Outcome> {
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    const outcome = await send(call);
    onAttempt(outcome);
    if (!worthRetrying(outcome) || Date.now() > deadline) return outcome;
    await sleep(pause);
  }
}
