import { SEAT_TRANSITIONS, type SeatReportKind, type SeatStatus } from '@kotoportti/model';
import { Conflict } from '@kotoportti/platform';

/** The actions of POST /api/seats/:id/{action}. */
export const SEAT_ACTIONS = [
  'cancel',
  'start',
  'dropout',
  'complete',
  'follow-up',
  'no-show',
] as const;
export type SeatAction = (typeof SEAT_ACTIONS)[number];

/** What each action stores as its report, and the state it moves the seat to. */
const MOVES: Record<SeatAction, { kind: SeatReportKind; to: SeatStatus | null }> = {
  cancel: { kind: 'cancel', to: 'cancelled' },
  start: { kind: 'start', to: 'started' },
  dropout: { kind: 'dropout', to: 'dropped-out' },
  complete: { kind: 'completion', to: 'completed' },
  'follow-up': { kind: 'follow-up', to: null },
  'no-show': { kind: 'no-show', to: 'no-show' },
};

/** A follow-up plan is made when the client has left the course, however that went. */
const FOLLOW_UP_STATES: readonly SeatStatus[] = ['completed', 'dropped-out'];

/** These end a seat without the client finishing it: its place goes back to the course. */
const FREES_PLACE: readonly SeatStatus[] = ['cancelled', 'no-show', 'dropped-out'];

export function reportKind(action: SeatAction): SeatReportKind {
  return MOVES[action].kind;
}

/** The seat's state after the action, or 409 `invalid-seat-state` naming the current one. */
export function nextStatus(current: SeatStatus, action: SeatAction): SeatStatus {
  const to = MOVES[action].to;
  const allowed =
    to === null ? FOLLOW_UP_STATES.includes(current) : SEAT_TRANSITIONS[current].includes(to);
  if (!allowed) {
    throw new Conflict(
      'invalid-seat-state',
      `The seat is ${current}: ${action} is not possible now`,
      { currentState: current, action },
    );
  }
  return to ?? current;
}

/** Whether moving from `from` to `to` gives the place back to the course. */
export function freesPlace(from: SeatStatus, to: SeatStatus): boolean {
  return from !== to && FREES_PLACE.includes(to);
}
