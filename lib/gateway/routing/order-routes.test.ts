import { describe, expect, it } from 'vitest';
import { UNKNOWN_MODEL_CAPABILITIES } from '../../protocol/capabilities';
import { orderRoutes } from './order-routes';
import type { GatewayRoute } from './route-types';

function route(key: string, priority: number, weight: number): GatewayRoute {
  return {
    key,
    modelId: 1,
    modelName: 'm',
    providerModelName: 'm',
    priority,
    weight,
    prices: { input: '0', output: '0', cacheRead: '0', cacheWrite: null, currency: 'USD' },
    capabilities: UNKNOWN_MODEL_CAPABILITIES.openai,
    provider: { id: 1, name: 'p', type: 'openai', apiUrl: 'http://x', timeoutMs: 1000, extraHeaders: {}, inlineImageUrls: false },
    providerTokenId: 1,
    apiKey: 'k',
  };
}

/** A seeded generator so the distribution test is repeatable. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('orderRoutes', () => {
  it('tries lower priority numbers first, whatever the weights', () => {
    const ordered = orderRoutes([route('b', 2, 100), route('a', 1, 1), route('c', 3, 50)]);
    expect(ordered.map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });

  it('leaves out routes whose circuit is open', () => {
    const ordered = orderRoutes([route('a', 1, 1), route('b', 1, 1)], { isAvailable: (key) => key !== 'a' });
    expect(ordered.map((r) => r.key)).toEqual(['b']);
  });

  it('puts each route first in proportion to its weight within a priority', () => {
    const random = mulberry32(42);
    const routes = [route('heavy', 1, 3), route('light', 1, 1), route('later', 2, 1000)];
    let heavyFirst = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i++) {
      const ordered = orderRoutes(routes, { random });
      expect(ordered).toHaveLength(3);
      expect(ordered[2].key).toBe('later');
      if (ordered[0].key === 'heavy') heavyFirst++;
    }
    expect(heavyFirst / runs).toBeGreaterThan(0.72);
    expect(heavyFirst / runs).toBeLessThan(0.78);
  });

  it('returns every route of a group exactly once', () => {
    const routes = ['a', 'b', 'c', 'd'].map((key, i) => route(key, 0, i + 1));
    const ordered = orderRoutes(routes, { random: mulberry32(7) });
    expect(ordered.map((r) => r.key).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
