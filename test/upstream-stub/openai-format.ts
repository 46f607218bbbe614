// OpenAI Chat Completions on the wire: the `chat.completion` object and the `chat.completion.chunk` stream
// (role chunk, content / reasoning / tool-call deltas, finish chunk, optional usage-only chunk, `data: [DONE]`).
import type { Completion, ProtocolFormat } from './completion';
import { openAiErrorBody, openAiStreamErrorBody } from './errors';
import { scriptStream, sseEvent, type Frame } from './frames';
import type { StopKind, UsageCounts } from './types';

const finishReasons: Record<StopKind, string> = {
  end: 'stop',
  length: 'length',
  tool_use: 'tool_calls',
  stop_sequence: 'stop',
  content_filter: 'content_filter',
};

export const openAiFormat: ProtocolFormat = {
  message: renderMessage,
  stream: renderStream,
  errorBody: (fields) => openAiErrorBody(fields),
  requestIdHeader: 'x-request-id',
};

function renderMessage(completion: Completion) {
  const text = joinParts(completion, 'text');
  const reasoning = joinParts(completion, 'thinking');
  const toolCalls = toolCallParts(completion).map(({ id, name, args }) => ({
    id,
    type: 'function',
    function: { name, arguments: args },
  }));
  const message = {
    role: 'assistant',
    content: text || (toolCalls.length > 0 ? null : ''),
    refusal: null,
    annotations: [],
    ...(reasoning ? { reasoning_content: reasoning } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  return {
    id: completionId(completion),
    object: 'chat.completion',
    created: completion.created,
    model: completion.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(completion) }],
    usage: renderUsage(completion.usage),
    service_tier: 'default',
    system_fingerprint: 'fp_stub',
  };
}

function renderStream(completion: Completion, body: Record<string, unknown>): Frame[] {
  const options = body.stream_options;
  const includeUsage = typeof options === 'object' && options !== null && 'include_usage' in options && options.include_usage === true;
  const envelope = {
    id: completionId(completion),
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    service_tier: 'default',
    system_fingerprint: 'fp_stub',
  };
  // With include_usage every chunk carries `usage: null` until the usage-only chunk.
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    sseEvent({
      ...envelope,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });

  const frames: Frame[] = [{ kind: 'head', text: chunk({ role: 'assistant', content: '', refusal: null }) }];
  let toolIndex = 0;
  for (const part of completion.parts) {
    if (part.type === 'text') {
      for (const content of part.chunks) frames.push({ kind: 'delta', text: chunk({ content }) });
    } else if (part.type === 'thinking') {
      // OpenAI-compatible providers (DeepSeek, vLLM, Ollama) stream reasoning beside content and sign nothing.
      for (const reasoning of part.chunks) frames.push({ kind: 'delta', text: chunk({ reasoning_content: reasoning }) });
    } else {
      const index = toolIndex++;
      const id = part.id ?? toolCallId(completion, index);
      const opening = { index, id, type: 'function', function: { name: part.name, arguments: '' } };
      frames.push({ kind: 'start', text: chunk({ tool_calls: [opening] }) });
      for (const fragment of part.chunks) {
        frames.push({ kind: 'delta', text: chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }) });
      }
    }
  }
  frames.push({ kind: 'finish', text: chunk({}, finishReason(completion)) });
  if (includeUsage) {
    frames.push({ kind: 'finish', text: sseEvent({ ...envelope, choices: [], usage: renderUsage(completion.usage) }) });
  }
  frames.push({ kind: 'end', text: sseEvent('[DONE]') });
  const error = completion.reply.streamError;
  return scriptStream(frames, completion.reply, error ? sseEvent(openAiStreamErrorBody(error)) : '');
}

/** `prompt_tokens` includes cached tokens, unlike Anthropic's `input_tokens`. */
function renderUsage(usage: UsageCounts) {
  const prompt = usage.input + usage.cacheRead + usage.cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output,
    total_tokens: prompt + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function finishReason(completion: Completion): string | null {
  const literal = completion.reply.finishReason;
  return literal === undefined ? finishReasons[completion.stop] : literal;
}

function completionId(completion: Completion): string {
  return `chatcmpl-stub${String(completion.seq).padStart(6, '0')}`;
}

function toolCallId(completion: Completion, index: number): string {
  return `call_stub${String(completion.seq).padStart(6, '0')}_${index}`;
}

function joinParts(completion: Completion, type: 'text' | 'thinking'): string {
  return completion.parts.flatMap((part) => (part.type === type ? part.chunks : [])).join('');
}

function toolCallParts(completion: Completion) {
  return completion.parts
    .flatMap((part) => (part.type === 'tool_call' ? [part] : []))
    .map((part, index) => ({ id: part.id ?? toolCallId(completion, index), name: part.name, args: part.chunks.join('') }));
}
