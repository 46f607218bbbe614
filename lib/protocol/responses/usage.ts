import { readOpenAIError, type ProtocolError } from '../errors';
import { isRecord, parseJsonSafely } from '../json';
import type { OpenAIUpstreamError } from '../openai/types';
import type { SseEvent } from '../sse';
import { readCount, type NormalizedUsage } from '../usage';
import type { StreamStart } from '../stream-start';
import { SnifferState, type UsageSniffer } from '../usage-sniffer';

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

/** The events a Responses stream ends with; anything short of one of them is a stream cut short. */
const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

class ResponsesUsageSniffer extends SnifferState {
  observe(event: SseEvent) {
    if (event.event && TERMINAL_EVENTS.has(event.event)) this.complete = true;
    if (event.event === 'error' || event.event === 'response.failed') this.error = readResponsesError(event.data);
    if (!event.data.includes('"usage"')) return { usageOnly: false };
    const payload = parseJsonSafely(event.data);
    if (isRecord(payload) && isRecord(payload.response)) this.usage = readResponsesUsage(payload.response.usage) ?? this.usage;
    return { usageOnly: false };
  }
}

export function createResponsesUsageSniffer(): UsageSniffer {
  return new ResponsesUsageSniffer();
}

/** `error` events carry the error at the top level, `response.failed` inside the response. */
export function readResponsesError(data: string): ProtocolError {
  const payload = parseJsonSafely(data);
  const nested = isRecord(payload) && isRecord(payload.response) ? payload.response.error : undefined;
  const error = isRecord(nested) ? nested : isRecord(payload) ? payload : {};
  return readOpenAIError(error as OpenAIUpstreamError);
}

/** A Responses stream opens with `response.created`/`response.in_progress`; `error` or `response.failed` first is a failure. */
export function classifyResponsesStart(event: SseEvent): StreamStart {
  if (event.event === 'response.created' || event.event === 'response.in_progress') return { kind: 'wait' };
  if (event.event !== 'error' && event.event !== 'response.failed') return { kind: 'content' };
  return { kind: 'error', error: readResponsesError(event.data) };
}
