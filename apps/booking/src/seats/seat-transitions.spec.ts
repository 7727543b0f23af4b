import { DomainError } from '@kotoportti/platform';
import { freesPlace, nextStatus } from './seat-transitions';

describe('seat transitions', () => {
  it('moves a reserved seat to started, cancelled or no-show', () => {
    expect(nextStatus('reserved', 'start')).toBe('started');
    expect(nextStatus('reserved', 'cancel')).toBe('cancelled');
    expect(nextStatus('reserved', 'no-show')).toBe('no-show');
  });

  it('moves a started seat to completed or dropped-out', () => {
    expect(nextStatus('started', 'complete')).toBe('completed');
    expect(nextStatus('started', 'dropout')).toBe('dropped-out');
  });

  it('keeps the state for a follow-up plan after completion or dropout', () => {
    expect(nextStatus('completed', 'follow-up')).toBe('completed');
    expect(nextStatus('dropped-out', 'follow-up')).toBe('dropped-out');
  });

  it.each([
    ['reserved', 'dropout'],
    ['reserved', 'complete'],
    ['reserved', 'follow-up'],
    ['started', 'cancel'],
    ['started', 'start'],
    ['dropped-out', 'complete'],
    ['completed', 'dropout'],
    ['cancelled', 'start'],
    ['no-show', 'start'],
  ] as const)('refuses %s → %s, naming the current state', (current, action) => {
    let thrown: unknown;
    try {
      nextStatus(current, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: 'invalid-seat-state',
      details: { currentState: current, action },
    });
  });

  it('frees the place on cancel, no-show and dropout only', () => {
    expect(freesPlace('reserved', 'cancelled')).toBe(true);
    expect(freesPlace('reserved', 'no-show')).toBe(true);
    expect(freesPlace('started', 'dropped-out')).toBe(true);
    expect(freesPlace('reserved', 'started')).toBe(false);
    expect(freesPlace('started', 'completed')).toBe(false);
    expect(freesPlace('dropped-out', 'dropped-out')).toBe(false);
  });
});
