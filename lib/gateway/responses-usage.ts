import { isRecord, parseJsonSafely } from '../protocol/json';
import type { SseEvent } from '../protocol/sse';
import { readCount, type NormalizedUsage } from '../protocol/usage';
import type { UsageSniffer } from '../protocol/usage-sniffer';

// OpenAI's Responses API reports usage in its own shape ({input_tokens, output_tokens,
// input_tokens_details.cached_tokens}), at the top level of a response and inside `response.completed`.

export function readResponsesUsage(usage: unknown): NormalizedUsage | null {
  if (!isRecord(usage)) return null;
  const details = isRecord(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const cacheReadTokens = readCount(details.cached_tokens);
  return {
    inputTokens: Math.max(readCount(usage.input_tokens) - cacheReadTokens, 0),
    outputTokens: readCount(usage.output_tokens),
    cacheReadTokens,
    cacheCreationTokens: 0,
  };
}

export function createResponsesUsageSniffer(): UsageSniffer {
  let usage: NormalizedUsage | null = null;
  return {
    get usage() {
      return usage;
    },
    observe(event: SseEvent) {
      if (!event.data.includes('"usage"')) return { usageOnly: false };
      const payload = parseJsonSafely(event.data);
      if (isRecord(payload) && isRecord(payload.response)) usage = readResponsesUsage(payload.response.usage) ?? usage;
      return { usageOnly: false };
    },
  };
}
