import type { Actor } from './actor';
import { RecentTokens } from './recent-tokens';

const actor = (userId: string): Actor => ({
  userId,
  username: userId,
  displayName: userId,
  role: 'official',
  organisationId: null,
  uiLanguage: 'fi',
});
const FAR = new Date(Date.now() + 3_600_000);

describe('RecentTokens', () => {
  it('keeps a resolved token for its time, then asks again', () => {
    const recent = new RecentTokens(2000);
    recent.set('api:a', actor('a'), FAR, 1_000);
    expect(recent.get('api:a', 2_999)?.userId).toBe('a');
    expect(recent.get('api:a', 3_000)).toBeUndefined();
  });

  it('never keeps a token past its own expiry', () => {
    const recent = new RecentTokens(2000);
    recent.set('api:a', actor('a'), new Date(1_500), 1_000);
    expect(recent.get('api:a', 1_499)?.userId).toBe('a');
    expect(recent.get('api:a', 1_500)).toBeUndefined();
  });

  it('forgets a token at once', () => {
    const recent = new RecentTokens(2000);
    recent.set('api:a', actor('a'), FAR, 1_000);
    recent.forget('api:a');
    expect(recent.get('api:a', 1_001)).toBeUndefined();
  });

  it('keeps nothing when turned off', () => {
    const recent = new RecentTokens(0);
    recent.set('api:a', actor('a'), FAR, 1_000);
    expect(recent.get('api:a', 1_000)).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const recent = new RecentTokens(2000, 2);
    recent.set('api:a', actor('a'), FAR, 1_000);
    recent.set('api:b', actor('b'), FAR, 1_000);
    recent.set('api:c', actor('c'), FAR, 1_000);
    expect(recent.get('api:a', 1_001)).toBeUndefined();
    expect(recent.get('api:b', 1_001)?.userId).toBe('b');
    expect(recent.get('api:c', 1_001)?.userId).toBe('c');
  });
});
