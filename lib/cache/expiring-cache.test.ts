import { describe, expect, it } from 'vitest';
import { ExpiringCache, HARD_CAP_MS, SLIDING_TTL_MS } from './expiring-cache';

function createClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('ExpiringCache', () => {
  it('drops an entry left unread for the sliding TTL', () => {
    const clock = createClock();
    const cache = new ExpiringCache<string, string>({ max: 10, now: clock.now });
    cache.set('a', 'x');
    clock.advance(SLIDING_TTL_MS - 1);
    expect(cache.get('a')).toBe('x');
    clock.advance(SLIDING_TTL_MS + 1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps an entry alive while it is read within the TTL', () => {
    const clock = createClock();
    const cache = new ExpiringCache<string, string>({ max: 10, now: clock.now });
    cache.set('a', 'x');
    for (let i = 0; i < 10; i++) {
      clock.advance(SLIDING_TTL_MS - 1000);
      expect(cache.get('a')).toBe('x');
    }
  });

  it('refuses an entry older than the hard cap even when read constantly', () => {
    const clock = createClock();
    const cache = new ExpiringCache<string, string>({ max: 10, now: clock.now });
    cache.set('a', 'x');
    const step = SLIDING_TTL_MS / 2;
    let elapsed = 0;
    while (elapsed + step < HARD_CAP_MS) {
      clock.advance(step);
      elapsed += step;
      expect(cache.get('a')).toBe('x');
    }
    clock.advance(HARD_CAP_MS - elapsed);
    expect(cache.get('a')).toBeUndefined();
    // Kept only as the stale value served while a reload fails.
    expect(cache.peekStale('a')).toBe('x');
  });

  it('evicts the least recently used entry beyond max', () => {
    const cache = new ExpiringCache<string, number>({ max: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
  });
});

describe('ExpiringCache max age per read', () => {
  it('refuses an entry older than the age the caller trusts', () => {
    let time = 0;
    const cache = new ExpiringCache<string, string>({ max: 10, now: () => time });
    cache.set('a', 'x');
    time = 999;
    expect(cache.get('a', 1000)).toBe('x');
    time = 1000;
    expect(cache.get('a', 1000)).toBeUndefined();
  });
});
