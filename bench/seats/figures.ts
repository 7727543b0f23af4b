/**
 * What one run measured, for the API and for the same transaction straight through pg;
 * printed in the table form of bench:booking.
 */
export interface Figures {
  label: string;
  requests: number;
  booked: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 201, by status and code (API) or error (pg). */
  errors: Record<string, number>;
}

export function perSecond(figures: Figures): number {
  return figures.booked / figures.seconds;
}

export function row(figures: Figures): string {
  const errors = Object.entries(figures.errors)
    .map(([what, count]) => `${count} × ${what}`)
    .join(', ');
  return (
    `| ${figures.label} | ${perSecond(figures).toFixed(0)} | ${figures.p50Ms.toFixed(1)} | ` +
    `${figures.p99Ms.toFixed(1)} | ${figures.booked} / ${figures.requests} in ` +
    `${figures.seconds.toFixed(1)} s | ${errors || 'none'} |`
  );
}
