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

/** OpenAI streams open with a chunk that only names the role: it says nothing yet, so an error after it still fails over. */
export function classifyOpenAIStart(event: SseEvent): StreamStart {
  const payload = parseJsonSafely(event.data);
  if (isRecord(payload) && isRecord(payload.error)) return { kind: 'error', error: readOpenAIError(payload.error as OpenAIUpstreamError) };
  return isRoleOnlyChunk(payload) ? { kind: 'wait' } : { kind: 'content' };
}

function isRoleOnlyChunk(payload: unknown): boolean {
  if (!isRecord(payload) || !Array.isArray(payload.choices) || payload.choices.length === 0) return false;
  return payload.choices.every((choice) => {
    if (!isRecord(choice) || !isRecord(choice.delta) || (choice.finish_reason !== null && choice.finish_reason !== undefined)) return false;
    const { role, content, ...rest } = choice.delta;
    const saysNothingElse = Object.values(rest).every((value) => value === null || value === undefined);
    return typeof role === 'string' && (content === '' || content === null || content === undefined) && saysNothingElse;
  });
}
