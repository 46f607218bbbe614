import { readCount, type NormalizedUsage } from '../usage';
import type { OpenAIUsage } from './types';

/**
 * Reads OpenAI usage. `prompt_tokens` includes cached tokens, so the uncached input is what remains after
 * cache reads and cache writes (writes are 0 unless a compatible upstream reports them).
 */
export function readOpenAIUsage(usage: OpenAIUsage): NormalizedUsage {
  const cacheReadTokens = readCount(usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens);
  const cacheCreationTokens = readCount(
    usage.prompt_tokens_details?.cache_write_tokens ?? usage.cache_creation_input_tokens,
  );
  return {
    inputTokens: Math.max(readCount(usage.prompt_tokens) - cacheReadTokens - cacheCreationTokens, 0),
    outputTokens: readCount(usage.completion_tokens),
    cacheReadTokens,
    cacheCreationTokens,
  };
}

/**
 * Writes usage for an OpenAI client: prompt_tokens = input + cache reads + cache writes. The raw Anthropic
 * cache counts ride along as extensions because cache writes are billed differently.
 */
export function buildOpenAIUsage(usage: NormalizedUsage): OpenAIUsage {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation_input_tokens: usage.cacheCreationTokens,
  };
}
