import autocannon from 'autocannon';
import type { BookingPlan } from './booking-plan';
import type { Figures } from './figures';

/** POST /api/courses/:id/seats as fast as `connections` keep-alive connections allow. */
export async function loadApi(
  baseUrl: string,
  plan: BookingPlan,
  connections: number,
  seconds: number,
): Promise<Figures> {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const booking = plan.take();
          return {
            ...request,
            path: `/api/courses/${booking.courseId}/seats`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${booking.token}`,
            },
            body: JSON.stringify({ clientId: booking.clientId }),
          };
        },
      },
    ],
  });
  const errors: Record<string, number> = {};
  let requests = 0;
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
    requests += Number(count);
    if (status !== '201') errors[`HTTP ${status}`] = Number(count);
  }
  if (result.errors > 0) errors['connection errors'] = result.errors;
  return {
    label: `HTTP API, ${connections} connections`,
    requests: requests + result.errors,
    booked: Number(result.statusCodeStats['201']?.count ?? 0),
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors,
  };
}
