import { describe, expect, it } from 'vitest';
import { InvalidatedCache } from './invalidated-cache';
import type { CacheScope, InvalidationFeed } from './invalidation-bus';

/** A feed whose liveness and invalidations the test sets. */
function testFeed(live: boolean) {
  const handlers = new Set<(scope: CacheScope) => void>();
  const feed: InvalidationFeed & { live: boolean; invalidate(scope: CacheScope): void } = {
    live,
    subscribe: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    isLive: () => feed.live,
    invalidate: (scope) => handlers.forEach((handler) => handler(scope)),
  };
  return feed;
}

function clock(start = 0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const down = () => Promise.reject(new Error('database unreachable'));

describe('InvalidatedCache while the database is down', () => {
  it('serves the last value of a key when its reload fails, however old', async () => {
    const time = clock();
    const feed = testFeed(false);
    const cache = new InvalidatedCache<string, string>({ scope: 'routes', max: 10, feed, now: time.now });
    expect(await cache.getOrLoad('a', async () => 'v1')).toBe('v1');

    time.advance(2 * 60 * 60 * 1000);
    expect(await cache.getOrLoad('a', down)).toBe('v1');
  });

  it('asks the database again only after a pause once a reload failed', async () => {
    const time = clock();
    const cache = new InvalidatedCache<string, string>({ scope: 'routes', max: 10, feed: testFeed(false), now: time.now });
    await cache.getOrLoad('a', async () => 'v1');
    time.advance(5_000);
    await cache.getOrLoad('a', down);

    let asked = 0;
    const counted = async () => {
      asked++;
      return 'v2';
    };
    time.advance(500);
    expect(await cache.getOrLoad('a', counted)).toBe('v1');
    expect(asked).toBe(0);
    time.advance(600);
    expect(await cache.getOrLoad('a', counted)).toBe('v2');
    expect(asked).toBe(1);
  });

  it('fails a key it never had, and serves nothing stale after an invalidation', async () => {
    const feed = testFeed(false);
    const cache = new InvalidatedCache<string, string>({ scope: 'user-tokens', max: 10, feed });
    await expect(cache.getOrLoad('new', down)).rejects.toThrow('database unreachable');
    await cache.getOrLoad('a', async () => 'v1');
    feed.invalidate('user-tokens');
    await expect(cache.getOrLoad('a', down)).rejects.toThrow('database unreachable');
  });
});
