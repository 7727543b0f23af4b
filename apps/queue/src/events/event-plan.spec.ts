import { EVENT_TYPES, type DomainEventJob } from '@kotoportti/platform';
import { clientRounds, compareIds, planEvent, type ClientPlan } from './event-plan';

const CLIENT_A = '00000000-0000-4000-8000-00000000000a';
const CLIENT_B = '00000000-0000-4000-8000-00000000000b';

function event(eventId: string, type: string, payload: Record<string, unknown>): DomainEventJob {
  return {
    eventId,
    type,
    aggregateType: 'test',
    aggregateId: 'x',
    occurredAt: '2026-11-23T10:00:00.000Z',
    payload,
  };
}

const consentWithdrawn = (eventId: string, clientId: string) =>
  planEvent(
    event(eventId, EVENT_TYPES.consentWithdrawn, { clientId, officeId: 'o' }),
  ) as ClientPlan;

describe('planning a batch of domain events', () => {
  it('puts each client once in a round, its events in outbox order', () => {
    const rounds = clientRounds([
      consentWithdrawn('10', CLIENT_A),
      consentWithdrawn('9', CLIENT_B),
      consentWithdrawn('2', CLIENT_A),
      consentWithdrawn('100', CLIENT_A),
    ]);
    expect(rounds.map((round) => round.map((plan) => plan.event.eventId))).toEqual([
      ['2', '9'],
      ['10'],
      ['100'],
    ]);
  });

  it('compares outbox ids as numbers, not as text', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareIds('7', '7')).toBe(0);
  });

  it('sends seat releases and course cancellations to their own transactions', () => {
    const released = event('5', EVENT_TYPES.seatReleased, {});
    expect(planEvent(released).kind).toBe('handler');
    expect(planEvent(event('6', EVENT_TYPES.seatReported, {})).kind).toBe('none');
  });

  it('refuses a result event without a valid start level', () => {
    expect(() =>
      planEvent(event('7', EVENT_TYPES.resultRecorded, { targetLanguage: 'fi', pace: 'fast' })),
    ).toThrow('startLevel');
  });
});
