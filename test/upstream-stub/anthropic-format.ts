// Anthropic Messages on the wire: the `message` object and the event stream (message_start, content_block_start,
// ping, content_block_delta, content_block_stop, message_delta, message_stop), each `event: X` with data.type X.
import { isRecord, type Completion, type ProtocolFormat, type ResolvedPart } from './completion';
import { anthropicErrorBody, anthropicStreamErrorBody } from './errors';
import { scriptStream, sseEvent, type Frame } from './frames';
import type { StopKind, UsageCounts } from './types';

const stopReasons: Record<StopKind, string> = {
  end: 'end_turn',
  length: 'max_tokens',
  tool_use: 'tool_use',
  stop_sequence: 'stop_sequence',
  content_filter: 'refusal',
};

export const anthropicFormat: ProtocolFormat = {
  message: renderMessage,
  stream: renderStream,
  errorBody: (fields, requestId) => anthropicErrorBody(fields, requestId),
  requestIdHeader: 'request-id',
};

function renderMessage(completion: Completion) {
  const content = completion.parts.map((part, index) => {
    const whole = part.chunks.join('');
    if (part.type === 'text') return { type: 'text', text: whole };
    if (part.type === 'thinking') return { type: 'thinking', thinking: whole, signature: part.signature };
    return { type: 'tool_use', id: toolUseId(completion, part, index), name: part.name, input: parseInput(whole) };
  });
  return { ...messageHead(completion), content, ...stopFields(completion), usage: fullUsage(completion.usage, completion.usage.output) };
}

function renderStream(completion: Completion): Frame[] {
  const frames: Frame[] = [];
  const push = (kind: Frame['kind'], data: StreamEvent) => frames.push({ kind, text: eventFrame(data) });

  // The output count in message_start is provisional; real streams report 1 there.
  const opening = { ...messageHead(completion), content: [], stop_reason: null, stop_sequence: null, usage: fullUsage(completion.usage, 1) };
  push('head', { type: 'message_start', message: opening });
  if (completion.parts.length === 0) push('head', { type: 'ping' });
  completion.parts.forEach((part, index) => {
    push('start', { type: 'content_block_start', index, content_block: emptyBlock(completion, part, index) });
    if (index === 0) push('head', { type: 'ping' });
    if (part.type === 'tool_call') {
      // The API opens every tool input with an empty fragment before the JSON arrives.
      push('start', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } });
    }
    for (const chunk of part.chunks) push('delta', { type: 'content_block_delta', index, delta: contentDelta(part, chunk) });
    if (part.type === 'thinking') {
      push('stop', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: part.signature } });
    }
    push('stop', { type: 'content_block_stop', index });
  });
  const usage =
    completion.reply.anthropicDeltaUsage === 'full'
      ? fullUsage(completion.usage, completion.usage.output)
      : { output_tokens: completion.usage.output };
  push('finish', { type: 'message_delta', delta: stopFields(completion), usage });
  push('end', { type: 'message_stop' });
  const error = completion.reply.streamError;
  return scriptStream(frames, completion.reply, error ? eventFrame(anthropicStreamErrorBody(error, requestId(completion))) : '');
}

type StreamEvent = { type: string } & Record<string, unknown>;

/** The event name always equals data.type: SDKs dispatch on `event:` and skip frames without it. */
function eventFrame(data: StreamEvent): string {
  return sseEvent(data, data.type);
}

function messageHead(completion: Completion) {
  return { id: `msg_stub${String(completion.seq).padStart(6, '0')}`, type: 'message', role: 'assistant', model: completion.model };
}

function stopFields(completion: Completion) {
  const literal = completion.reply.stopReason;
  return {
    stop_reason: literal === undefined ? stopReasons[completion.stop] : literal,
    stop_sequence: completion.reply.stopSequence ?? null,
  };
}

/** `input_tokens` excludes cache reads and writes; thinking is already inside `output_tokens`. */
function fullUsage(usage: UsageCounts, outputTokens: number) {
  return {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function emptyBlock(completion: Completion, part: ResolvedPart, index: number) {
  if (part.type === 'text') return { type: 'text', text: '' };
  if (part.type === 'thinking') return { type: 'thinking', thinking: '', signature: '' };
  return { type: 'tool_use', id: toolUseId(completion, part, index), name: part.name, input: {} };
}

function contentDelta(part: ResolvedPart, chunk: string) {
  if (part.type === 'text') return { type: 'text_delta', text: chunk };
  if (part.type === 'thinking') return { type: 'thinking_delta', thinking: chunk };
  return { type: 'input_json_delta', partial_json: chunk };
}

/** Tool ids count tool calls only, so they match across protocols whatever precedes them. */
function toolUseId(completion: Completion, part: ResolvedPart & { type: 'tool_call' }, blockIndex: number): string {
  if (part.id) return part.id;
  const toolIndex = completion.parts.slice(0, blockIndex).filter((other) => other.type === 'tool_call').length;
  return `toolu_stub${String(completion.seq).padStart(6, '0')}_${toolIndex}`;
}

function parseInput(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function requestId(completion: Completion): string {
  return `req_stub${String(completion.seq).padStart(6, '0')}`;
}
