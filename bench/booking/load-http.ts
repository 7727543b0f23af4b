/**
 * The HTTP load process: autocannon drives POST /api/test-sessions/:id/bookings over
 * keep-alive connections, each request booking the next (session, client) pair.
 * argv: baseUrl token pairsFile durationMs connections label
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import type { LoadReport, Pair } from './config';

const [baseUrl, token, pairsFile, durationMs, connections, label] = process.argv.slice(2);
const pairs = JSON.parse(readFileSync(pairsFile, 'utf8')) as Pair[];

async function main(): Promise<LoadReport> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: Number(connections),
    duration: Number(durationMs) / 1000,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          // Never more requests than pairs: the run is sized so this does not wrap.
          const [sessionId, clientId] = pairs[next++ % pairs.length];
          return {
            ...request,
            path: `/api/test-sessions/${sessionId}/bookings`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ clientId }),
          };
        },
      },
    ],
  });
  const errors: Record<string, number> = {};
  let requests = result.errors;
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
    requests += count;
    if (status !== '201') errors[`HTTP ${status}`] = count;
  }
  if (result.errors > 0) errors['connection errors'] = result.errors;
  const booked = result.statusCodeStats['201']?.count ?? 0;
  return {
    label,
    requests,
    booked,
    errors,
    elapsedMs: Math.round(result.duration * 1000),
    bookingsPerSecond: Math.round(booked / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

void main().then((report) => console.log(JSON.stringify(report)));
