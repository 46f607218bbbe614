// What a same-protocol (pass-through) stream tells the gateway on the side: its usage, whether it reached its
// protocol's end, and the error event it ended with. Events are parsed only when they can carry one of those,
// and nothing is re-serialized.
import type { AnthropicUsage } from './anthropic/types';
import { mergeAnthropicUsage, readAnthropicUsage } from './anthropic/usage';
import { readAnthropicError, readOpenAIError, type ProtocolError } from './errors';
import { isRecord, parseJsonSafely } from './json';
import type { OpenAIUpstreamError, OpenAIUsage } from './openai/types';
import { readOpenAIUsage } from './openai/usage';
import type { SseEvent } from './sse';
import type { NormalizedUsage } from './usage';

export type UsageSniffer = {
  /** Looks at one event. `usageOnly` marks OpenAI's usage chunk (`choices: []`), which the gateway drops
   * when it added include_usage itself and the client did not ask for it. */
  observe(event: SseEvent): { usageOnly: boolean };
  readonly usage: NormalizedUsage | null;
  /**
   * The stream reached its protocol's end (Anthropic `message_stop`, an OpenAI finish_reason or `[DONE]`).
   * A stream that stops before that was cut short, and the client must be told so.
   */
  readonly complete: boolean;
  /** The error event the upstream put in the stream (already relayed to the client as is). */
  readonly error: ProtocolError | null;
};

const NOT_USAGE_ONLY = { usageOnly: false };
const MAY_CARRY_USAGE = /"usage"\s*:\s*\{/;
const MAY_CARRY_ERROR = /"error"\s*:\s*\{/;
const HAS_FINISH_REASON = /"finish_reason"\s*:\s*"/;

/**
 * What every sniffer keeps while it watches a stream; each protocol's `observe` fills it in. A class, so the
 * three protocols share the state instead of each repeating it behind getters.
 */
export abstract class SnifferState implements UsageSniffer {
  usage: NormalizedUsage | null = null;
  complete = false;
  error: ProtocolError | null = null;

  abstract observe(event: SseEvent): { usageOnly: boolean };
}

/** Anthropic: input and cache counts arrive in message_start, cumulative counts in message_delta. */
class AnthropicUsageSniffer extends SnifferState {
  observe(event: SseEvent) {
    if (event.event === 'message_stop') this.complete = true;
    if (event.event === 'error') this.error = readStreamError(event.data, (body) => readAnthropicError(body as { type?: string; message?: string }));
    const named = event.event === 'message_start' || event.event === 'message_delta';
    if ((event.event !== undefined && !named) || !MAY_CARRY_USAGE.test(event.data)) return NOT_USAGE_ONLY;
    const payload = parseJsonSafely(event.data);
    if (!isRecord(payload)) return NOT_USAGE_ONLY;
    const update = payload.type === 'message_start' && isRecord(payload.message) ? payload.message.usage : payload.usage;
    if (isRecord(update) && (payload.type === 'message_start' || payload.type === 'message_delta')) {
      // Overwrite, never add: message_delta repeats cumulative counts.
      this.usage = mergeAnthropicUsage(this.usage ?? readAnthropicUsage({}), update as Partial<AnthropicUsage>);
    }
    return NOT_USAGE_ONLY;
  }
}

/** OpenAI: usage arrives in the last chunk when stream_options.include_usage is set. */
class OpenAIUsageSniffer extends SnifferState {
  observe(event: SseEvent) {
    // The finish chunk, not [DONE], is what some compatible backends end with.
    if (event.data === '[DONE]' || HAS_FINISH_REASON.test(event.data)) this.complete = true;
    if (MAY_CARRY_ERROR.test(event.data)) {
      this.error = readStreamError(event.data, (body) => readOpenAIError(body as OpenAIUpstreamError)) ?? this.error;
    }
    if (!MAY_CARRY_USAGE.test(event.data)) return NOT_USAGE_ONLY;
    const payload = parseJsonSafely(event.data);
    if (!isRecord(payload) || !isRecord(payload.usage)) return NOT_USAGE_ONLY;
    this.usage = readOpenAIUsage(payload.usage as OpenAIUsage);
    return { usageOnly: Array.isArray(payload.choices) && payload.choices.length === 0 };
  }
}

export function createAnthropicUsageSniffer(): UsageSniffer {
  return new AnthropicUsageSniffer();
}

export function createOpenAIUsageSniffer(): UsageSniffer {
  return new OpenAIUsageSniffer();
}

/** The `error` object of an error event, read in its protocol's terms; null when the event carries none. */
export function readStreamError(data: string, read: (error: Record<string, unknown>) => ProtocolError): ProtocolError | null {
  const payload = parseJsonSafely(data);
  return isRecord(payload) && isRecord(payload.error) ? read(payload.error) : null;
}
