import { InvalidInput } from '@kotoportti/platform';
import { addDays, toHelsinki } from './helsinki-time';
import { CreateTestSessionDto, MAX_PATTERN_WEEKS } from './test-session.dto';
import type { Occurrence } from './weekly-pattern';

/** A session longer than this is a typing mistake (a wrong day), not a test. */
const MAX_SESSION_HOURS = 12;

/**
 * Field-level checks a decorator cannot make, before anything is written. A session in the
 * past is allowed: a centre may record one afterwards, and booking refuses it anyway.
 */
export function checkTimes(input: CreateTestSessionDto): Occurrence {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw InvalidInput.field('endsAt', 'endsAt must be after startsAt');
  if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3600_000) {
    throw InvalidInput.field('endsAt', `a session lasts at most ${MAX_SESSION_HOURS} hours`);
  }
  return { startsAt, endsAt };
}

/** The last day of a repeating pattern, from `weeks` or `until` (exactly one is given). */
export function lastDateOf(input: CreateTestSessionDto, first: Occurrence): string {
  const { weeks, until } = input.repeat!;
  if ((weeks === undefined) === (until === undefined)) {
    throw InvalidInput.field('repeat', 'repeat needs either weeks or until, not both');
  }
  const start = toHelsinki(first.startsAt);
  if (toHelsinki(first.endsAt).day !== start.day) {
    throw InvalidInput.field('endsAt', 'a repeating session must end on the day it starts');
  }
  if (weeks !== undefined) return addDays(start.day, (weeks - 1) * 7);
  if (until! < start.day) {
    throw InvalidInput.field('repeat.until', 'repeat.until must not be before startsAt');
  }
  if (until! > addDays(start.day, (MAX_PATTERN_WEEKS - 1) * 7)) {
    throw InvalidInput.field('repeat.until', `a pattern covers at most ${MAX_PATTERN_WEEKS} weeks`);
  }
  return until!;
}
