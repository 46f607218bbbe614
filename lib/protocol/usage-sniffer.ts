// Usage from a same-protocol (pass-through) stream: events are parsed on the side, only when they can carry
// usage, and nothing is re-serialized.
import type { AnthropicUsage } from './anthropic/types';
import { mergeAnthropicUsage, readAnthropicUsage } from './anthropic/usage';
import { isRecord, parseJsonSafely } from './json';
import type { OpenAIUsage } from './openai/types';
import { readOpenAIUsage } from './openai/usage';
import type { SseEvent } from './sse';
import type { NormalizedUsage } from './usage';

export type UsageSniffer = {
  /** Looks at one event. `usageOnly` marks OpenAI's usage chunk (`choices: []`), which the gateway drops
   * when it added include_usage itself and the client did not ask for it. */
  observe(event: SseEvent): { usageOnly: boolean };
  readonly usage: NormalizedUsage | null;
};

const NOT_USAGE_ONLY = { usageOnly: false };
const MAY_CARRY_USAGE = /"usage"\s*:\s*\{/;

/** Anthropic: input and cache counts arrive in message_start, cumulative counts in message_delta. */
export function createAnthropicUsageSniffer(): UsageSniffer {
  let usage: NormalizedUsage | null = null;
  return {
    get usage() {
      return usage;
    },
    observe(event) {
      const named = event.event === 'message_start' || event.event === 'message_delta';
      if ((event.event !== undefined && !named) || !MAY_CARRY_USAGE.test(event.data)) return NOT_USAGE_ONLY;
      const payload = parseJsonSafely(event.data);
      if (!isRecord(payload)) return NOT_USAGE_ONLY;
      const update = payload.type === 'message_start' && isRecord(payload.message) ? payload.message.usage : payload.usage;
      if (isRecord(update) && (payload.type === 'message_start' || payload.type === 'message_delta')) {
        // Overwrite, never add: message_delta repeats cumulative counts.
        usage = mergeAnthropicUsage(usage ?? readAnthropicUsage({}), update as Partial<AnthropicUsage>);
      }
      return NOT_USAGE_ONLY;
    },
  };
}

/** OpenAI: usage arrives in the last chunk when stream_options.include_usage is set. */
export function createOpenAIUsageSniffer(): UsageSniffer {
  let usage: NormalizedUsage | null = null;
  return {
    get usage() {
      return usage;
    },
    observe(event) {
      if (!MAY_CARRY_USAGE.test(event.data)) return NOT_USAGE_ONLY;
      const payload = parseJsonSafely(event.data);
      if (!isRecord(payload) || !isRecord(payload.usage)) return NOT_USAGE_ONLY;
      usage = readOpenAIUsage(payload.usage as OpenAIUsage);
      return { usageOnly: Array.isArray(payload.choices) && payload.choices.length === 0 };
    },
  };
}
