/**
 * The floor under any endpoint: autocannon asks the running service for a route that does not
 * exist (404 from Nest's own handler: request log, helmet, error body; no guard, no database),
 * over keep-alive connections. No endpoint can answer faster than this at the same concurrency.
 * argv: baseUrl durationMs connections
 */
import autocannon from 'autocannon';

const [baseUrl, durationMs, connections] = process.argv.slice(2);

async function main() {
  const result = await autocannon({
    url: `${baseUrl}/api/no-such-route`,
    connections: Number(connections),
    duration: Number(durationMs) / 1000,
  });
  const notFound = result.statusCodeStats['404']?.count ?? 0;
  return {
    answersPerSecond: Math.round(notFound / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    other: Object.values(result.statusCodeStats).reduce((n, s) => n + s.count, 0) - notFound,
  };
}

void main().then((report) => console.log(JSON.stringify(report)));
