/**
 * Token usage in one shape for both protocols, as the gateway records and bills it.
 * `inputTokens` follows Anthropic's meaning: it EXCLUDES cache reads and cache writes, which are billed at
 * their own prices. (OpenAI's `prompt_tokens` includes cached tokens; the readers convert.)
 */
export type NormalizedUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
};

export const ZERO_USAGE: Readonly<NormalizedUsage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
});

/** A count as upstreams send it: a non-negative integer, or anything else treated as 0. */
export function readCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
