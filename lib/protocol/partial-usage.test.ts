import { describe, expect, it } from 'vitest';
import { estimatePartialUsage } from './partial-usage';

describe('estimatePartialUsage', () => {
  it('estimates input from the request and output from the streamed text when the upstream reported nothing', async () => {
    const usage = await estimatePartialUsage(null, 40, async () => 123);
    expect(usage).toEqual({ inputTokens: 123, outputTokens: 10, cacheReadTokens: 0, cacheCreationTokens: 0 });
  });

  it('keeps the counts the upstream sent (message_start) and never lowers its output count', async () => {
    const known = { inputTokens: 0, outputTokens: 30, cacheReadTokens: 500, cacheCreationTokens: 0 };
    let estimated = false;
    const usage = await estimatePartialUsage(known, 8, async () => {
      estimated = true;
      return 999;
    });
    expect(usage).toEqual(known);
    expect(estimated).toBe(false);
  });

  it('bills zero input rather than failing when the estimate fails', async () => {
    const usage = await estimatePartialUsage(null, 4, () => Promise.reject(new Error('no tokenizer')));
    expect(usage).toMatchObject({ inputTokens: 0, outputTokens: 1 });
  });
});
