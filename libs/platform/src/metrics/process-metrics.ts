import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Metrics that belong to the process rather than to one Nest application: in `npm start` the
 * three services share one process and so one set of these. Per-application figures read
 * from the database or Redis live in BacklogMetrics instead.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'kotoportti_' });

/** Labelled by the route pattern, never the URL: ids and queries would explode the series. */
export const httpRequestDuration = new Histogram({
  name: 'kotoportti_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, with their duration',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

/** Letter PDFs: interactive (one at the desk) and background (batches) separately. */
export const pdfRenderDuration = new Histogram({
  name: 'kotoportti_pdf_render_duration_seconds',
  help: 'Time to print one HTML document to PDF in Chromium',
  labelNames: ['priority'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
  registers: [processRegistry],
});
