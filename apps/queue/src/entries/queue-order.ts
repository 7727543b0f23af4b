/**
 * Queue order (issue 5): priority first, then the day the wait began, ties by the time of the
 * result, and the entry id last so that the order is total and every page agrees with the next.
 * The same words in every query, so positions, candidates and offers never disagree.
 */
export const QUEUE_ORDER = `e.priority DESC, e.waiting_since, e.result_at, e.id`;

/** The columns that make one queue: a position counts within these. */
export const QUEUE_KEYS = `e.target_language, e.pace, e.start_level, e.region_id`;

/** Today's calendar day in Helsinki, where the offices are. */
export const HELSINKI_TODAY = `(now() AT TIME ZONE 'Europe/Helsinki')::date`;
