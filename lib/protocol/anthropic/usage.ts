import { readCount, type NormalizedUsage } from '../usage';
import type { AnthropicUsage } from './types';

/** Reads Anthropic usage; its `input_tokens` already excludes cache reads and writes. */
export function readAnthropicUsage(usage: Partial<AnthropicUsage>): NormalizedUsage {
  return {
    inputTokens: readCount(usage.input_tokens),
    outputTokens: readCount(usage.output_tokens),
    cacheReadTokens: readCount(usage.cache_read_input_tokens),
    cacheCreationTokens: readCount(usage.cache_creation_input_tokens),
  };
}

/**
 * Applies a streamed usage update. Counts in `message_delta` are cumulative and may repeat earlier fields,
 * so a present field OVERWRITES the known value; adding would double-count.
 */
export function mergeAnthropicUsage(current: NormalizedUsage, update: Partial<AnthropicUsage>): NormalizedUsage {
  const pick = (value: number | null | undefined, known: number) => (typeof value === 'number' ? readCount(value) : known);
  return {
    inputTokens: pick(update.input_tokens, current.inputTokens),
    outputTokens: pick(update.output_tokens, current.outputTokens),
    cacheReadTokens: pick(update.cache_read_input_tokens, current.cacheReadTokens),
    cacheCreationTokens: pick(update.cache_creation_input_tokens, current.cacheCreationTokens),
  };
}

export function buildAnthropicUsage(usage: NormalizedUsage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation_input_tokens: usage.cacheCreationTokens,
  };
}
