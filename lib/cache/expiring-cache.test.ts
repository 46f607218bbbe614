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

  it('is bounded in bytes of its keys too: long keys evict sooner, a huge key is not kept at all', () => {
    const cache = new ExpiringCache<string, string>({ max: 100 });
    const longKey = (i: number) => `${i}:${'x'.repeat(1000)}`;
    for (let i = 0; i < 100; i++) cache.set(longKey(i), 'not found');
    expect(cache.get(longKey(0))).toBeUndefined();
    expect(cache.get(longKey(99))).toBe('not found');
    cache.set('x'.repeat(1_000_000), 'not found');
    expect(cache.get('x'.repeat(1_000_000))).toBeUndefined();
    for (let i = 0; i < 100; i++) cache.set(`short-${i}`, 'found');
    expect(cache.get('short-0')).toBe('found');
  });
});
