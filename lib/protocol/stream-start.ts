// The opening events of an upstream stream, read before anything reaches the client: a stream that opens with
// an error event can still fail over to the next route, as if the upstream had answered with an error status.
import { readAnthropicError, readOpenAIError, type ProtocolError } from './errors';
import { isRecord, parseJsonSafely } from './json';
import type { OpenAIUpstreamError } from './openai/types';
import type { SseEvent } from './sse';

/** `wait`: nothing decided yet (a preamble event); `content`: the stream is real; `error`: it opened with one. */
export type StreamStart = { kind: 'wait' } | { kind: 'content' } | { kind: 'error'; error: ProtocolError };

export type StreamStartClassifier = (event: SseEvent) => StreamStart;

export function classifyAnthropicStart(event: SseEvent): StreamStart {
  if (event.event === 'message_start' || event.event === 'ping') return { kind: 'wait' };
  if (event.event !== 'error') return { kind: 'content' };
  const payload = parseJsonSafely(event.data);
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : {};
  return { kind: 'error', error: readAnthropicError(error as { type?: string; message?: string }) };
}

export function classifyOpenAIStart(event: SseEvent): StreamStart {
  if (!event.data.includes('"error"')) return { kind: 'content' };
  const payload = parseJsonSafely(event.data);
  if (!isRecord(payload) || !isRecord(payload.error)) return { kind: 'content' };
  return { kind: 'error', error: readOpenAIError(payload.error as OpenAIUpstreamError) };
}
