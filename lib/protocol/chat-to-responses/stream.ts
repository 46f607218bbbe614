// A Responses API stream as a Chat Completions stream: text deltas as content, each function call as a tool call
// whose arguments stream in order, the terminal event as the finish chunk (and the usage chunk when the client
// asked for it), then [DONE]. response.failed, an error event or a stream cut short end with an error frame.
import type { OpenAIClientContext } from '../context';
import { readOpenAIError, type ProtocolError } from '../errors';
import { generateId } from '../ids';
import { isRecord, parseJsonSafely } from '../json';
import { formatOpenAIChunk, formatOpenAIError, OPENAI_DONE_FRAME } from '../openai/frames';
import type { OpenAIChatChunk, OpenAIDelta, OpenAIUpstreamError } from '../openai/types';
import { buildOpenAIUsage } from '../openai/usage';
import { readResponsesUsage } from '../responses/usage';
import type { ResponsesResponse } from '../responses/types';
import type { SseEvent } from '../sse';
import type { StreamConverter } from '../stream-converter';
import type { NormalizedUsage } from '../usage';
import { finishReasonOf, withReasoningTokens } from './response';

type ResponsesEvent = { type?: string; item?: { type?: string; call_id?: string; name?: string; id?: string }; item_id?: string; delta?: string; response?: ResponsesResponse; message?: string; code?: string };

export class ResponsesToChatStream implements StreamConverter {
  private readonly id = generateId('chatcmpl-');
  private readonly created = Math.floor(Date.now() / 1000);
  private started = false;
  private done = false;
  /** Function-call items by item id → their tool_calls index. */
  private readonly calls = new Map<string, number>();
  private knownUsage: NormalizedUsage | null = null;
  private upstreamError: ProtocolError | null = null;
  endedEarly = false;

  constructor(private readonly context: OpenAIClientContext) {}

  get usage(): NormalizedUsage | null {
    return this.knownUsage;
  }

  get error(): ProtocolError | null {
    return this.upstreamError;
  }

  push(event: SseEvent): string[] {
    if (this.done) return [];
    const payload = parseJsonSafely(event.data) as ResponsesEvent | undefined;
    if (!isRecord(payload)) return this.fail({ status: 502, message: 'upstream sent an event that is not valid JSON' });
    const type = payload.type ?? event.event;
    switch (type) {
      case 'response.output_text.delta':
        return payload.delta ? this.chunk({ content: payload.delta }) : [];
      case 'response.reasoning_summary_text.delta':
        return payload.delta ? this.chunk({ reasoning_content: payload.delta }) : [];
      case 'response.refusal.delta':
        return payload.delta ? this.chunk({ refusal: payload.delta }) : [];
      case 'response.output_item.added':
        return payload.item?.type === 'function_call' ? this.openCall(payload.item) : [];
      case 'response.function_call_arguments.delta': {
        const index = payload.item_id === undefined ? undefined : this.calls.get(payload.item_id);
        return index === undefined || !payload.delta ? [] : this.chunk({ tool_calls: [{ index, function: { arguments: payload.delta } }] });
      }
      case 'response.completed':
      case 'response.incomplete':
        return this.finish(payload.response);
      case 'response.failed':
        return this.fail({ status: 502, message: payload.response?.error?.message ?? 'the upstream response failed' });
      case 'error':
        return this.fail(readOpenAIError(payload as OpenAIUpstreamError, 502));
      default:
        return [];
    }
  }

  end(): string[] {
    if (this.done) return [];
    this.endedEarly = true;
    return this.fail({ status: 502, message: 'upstream stream ended before the response was complete' });
  }

  private openCall(item: NonNullable<ResponsesEvent['item']>): string[] {
    const index = this.calls.size;
    this.calls.set(item.id ?? item.call_id ?? String(index), index);
    return this.chunk({ tool_calls: [{ index, id: item.call_id ?? generateId('call_'), type: 'function', function: { name: item.name ?? '', arguments: '' } }] });
  }

  private finish(response: ResponsesResponse | undefined): string[] {
    this.done = true;
    const frames = this.start();
    const finishReason = finishReasonOf(response ?? { status: 'completed', incomplete_details: null }, this.calls.size > 0);
    frames.push(formatOpenAIChunk(this.frame({}, finishReason)));
    this.knownUsage = readResponsesUsage(response?.usage);
    if (this.knownUsage && this.context.includeUsage) {
      const usage = withReasoningTokens(buildOpenAIUsage(this.knownUsage), response?.usage?.output_tokens_details?.reasoning_tokens);
      frames.push(formatOpenAIChunk({ ...this.frame({}, null), choices: [], usage }));
    }
    frames.push(OPENAI_DONE_FRAME);
    return frames;
  }

  private chunk(delta: OpenAIDelta): string[] {
    return [...this.start(), formatOpenAIChunk(this.frame(delta, null))];
  }

  private start(): string[] {
    if (this.started) return [];
    this.started = true;
    return [formatOpenAIChunk(this.frame({ role: 'assistant', content: '' }, null))];
  }

  private frame(delta: OpenAIDelta, finishReason: string | null): OpenAIChatChunk {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.context.model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
  }

  private fail(error: ProtocolError): string[] {
    this.done = true;
    this.upstreamError = error;
    return [formatOpenAIError({ error: { message: error.message, type: 'server_error', param: null, code: null } })];
  }
}
