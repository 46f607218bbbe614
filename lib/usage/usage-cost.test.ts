import { describe, expect, it } from 'vitest';
import { computeUsageCost } from './usage-cost';

describe('computeUsageCost', () => {
  it('prices tokens per 1M, cache reads at their own price and cache writes at the input price when unpriced', () => {
    const cost = computeUsageCost(
      { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheCreationTokens: 100 },
      { input: '3', output: '15', cacheRead: '0.3', cacheWrite: null },
    );
    // (1000 + 100) × 3 / 1M + 2000 × 0.3 / 1M = 0.0033 + 0.0006
    expect(cost).toEqual({ inputCost: '0.0039', outputCost: '0.0075', totalCost: '0.0114' });
  });

  it('prices cache writes at the cache-write price when the route has one', () => {
    const cost = computeUsageCost(
      { inputTokens: 1000, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 2000 },
      { input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
    );
    // 1000 × 3 / 1M + 2000 × 3.75 / 1M = 0.003 + 0.0075
    expect(cost).toEqual({ inputCost: '0.0105', outputCost: '0', totalCost: '0.0105' });
  });

  it('keeps exact decimals where floats would drift', () => {
    const cost = computeUsageCost(
      { inputTokens: 1, outputTokens: 3, cacheReadTokens: 0, cacheCreationTokens: 0 },
      { input: '0.1', output: '0.2', cacheRead: '0', cacheWrite: null },
    );
    expect(cost).toEqual({ inputCost: '0.0000001', outputCost: '0.0000006', totalCost: '0.0000007' });
  });

  it('is zero for an error without usage', () => {
    const cost = computeUsageCost(
      { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 },
      { input: '2.5', output: '10', cacheRead: '1.25', cacheWrite: null },
    );
    expect(cost.totalCost).toBe('0');
  });

  it('rounds to the column scale of 10 decimals', () => {
    const cost = computeUsageCost(
      { inputTokens: 1, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 },
      { input: '0.000001', output: '0', cacheRead: '0', cacheWrite: null },
    );
    expect(cost.inputCost).toBe('0');
  });
});
