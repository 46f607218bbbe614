// A Chat Completions stream as a Responses API stream, in the event grammar the official SDK's responses.stream()
// and Codex read: response.created and response.in_progress; per output item output_item.added, its content or
// argument deltas and their .done events, output_item.done; then response.completed (response.incomplete at the
// token limit). Every event carries sequence_number. An error from the upstream, or a stream that stops before
// its end, becomes response.failed: Codex waits for a terminal event and ignores anything else.
import { readOpenAIError, type ProtocolError } from '../errors';
import { generateId } from '../ids';
import { isRecord, parseJsonSafely } from '../json';
import type { OpenAIChatChunk, OpenAIThinkingBlock, OpenAIUpstreamError, OpenAIUsage } from '../openai/types';
import { readOpenAIUsage } from '../openai/usage';
import { formatSseEvent, type SseEvent } from '../sse';
import type { StreamConverter } from '../stream-converter';
import type { NormalizedUsage } from '../usage';
import { reasoningItem } from './reasoning';
import type { ResponsesContext } from './request';
import { buildResponsesUsage, customToolInput, responseShell } from './response';
import type { ResponsesOutputItem, ResponsesResponse } from './types';

type OpenText = { kind: 'text'; id: string; outputIndex: number; text: string };
type OpenReasoning = { id: string; outputIndex: number; summary: string; blocks: OpenAIThinkingBlock[] };
type OpenCall = { kind: 'call'; id: string; outputIndex: number; callId: string; name: string; args: string; custom: boolean };

export class ChatToResponsesStream implements StreamConverter {
  private sequence = 0;
  private started = false;
  private done = false;
  private readonly response: ResponsesResponse;
  private text: OpenText | null = null;
  private reasoning: OpenReasoning | null = null;
  private readonly calls = new Map<number, OpenCall>();
  private finishReason: string | null = null;
  private chatUsage: OpenAIUsage | null = null;
  private upstreamError: ProtocolError | null = null;
  endedEarly = false;

  constructor(
    private readonly context: ResponsesContext,
    /** Gets the whole response once it has completed (not when it failed). */
    private readonly onComplete?: (response: ResponsesResponse) => void,
  ) {
    this.response = responseShell(context, generateId('resp_'), Math.floor(Date.now() / 1000), 'in_progress');
  }

  get usage(): NormalizedUsage | null {
    return this.chatUsage ? readOpenAIUsage(this.chatUsage) : null;
  }

  get error(): ProtocolError | null {
    return this.upstreamError;
  }

  push(event: SseEvent): string[] {
    if (this.done) return [];
    const frames = this.start();
    if (event.data.trim() === '[DONE]') return [...frames, ...this.finish()];
    const payload = parseJsonSafely(event.data);
    if (!isRecord(payload)) return [...frames, ...this.fail({ status: 502, message: 'upstream sent an event that is not valid JSON' })];
    if (isRecord(payload.error)) return [...frames, ...this.fail(readOpenAIError(payload.error as OpenAIUpstreamError, 502))];
    return [...frames, ...this.chunk(payload as OpenAIChatChunk)];
  }

  end(): string[] {
    if (this.done) return [];
    const frames = this.start();
    // The answer is whole once its finish reason is known; only [DONE] is missing.
    if (this.finishReason) return [...frames, ...this.finish()];
    this.endedEarly = true;
    return [...frames, ...this.fail({ status: 502, message: 'upstream stream ended before the response was complete' })];
  }

  private chunk(chunk: OpenAIChatChunk): string[] {
    const frames: string[] = [];
    if (chunk.usage) this.chatUsage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return frames;
    const { delta } = choice;
    if (delta?.reasoning_content) frames.push(...this.reasoningDelta(delta.reasoning_content));
    if (delta?.thinking_blocks) this.openReasoning(frames).blocks.push(...delta.thinking_blocks);
    if (delta?.content) frames.push(...this.textDelta(delta.content));
    for (const call of delta?.tool_calls ?? []) frames.push(...this.callDelta(call.index, call.id, call.function?.name, call.function?.arguments));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return frames;
  }

  /** Claude's thinking as a reasoning item: its text streams as the summary, its signed blocks end in encrypted_content. */
  private reasoningDelta(delta: string): string[] {
    const frames: string[] = [];
    const reasoning = this.openReasoning(frames);
    if (reasoning.summary === '') {
      frames.push(this.emit('response.reasoning_summary_part.added', { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } }));
    }
    reasoning.summary += delta;
    frames.push(this.emit('response.reasoning_summary_text.delta', { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, delta }));
    return frames;
  }

  private openReasoning(frames: string[]): OpenReasoning {
    if (this.reasoning) return this.reasoning;
    this.reasoning = { id: generateId('rs_'), outputIndex: this.response.output.length, summary: '', blocks: [] };
    const item: ResponsesOutputItem = { type: 'reasoning', id: this.reasoning.id, summary: [] };
    this.response.output.push(item);
    frames.push(this.emit('response.output_item.added', { output_index: this.reasoning.outputIndex, item }));
    return this.reasoning;
  }

  private closeReasoning(): string[] {
    const reasoning = this.reasoning;
    if (!reasoning) return [];
    this.reasoning = null;
    const item = reasoningItem(reasoning.id, reasoning.summary, reasoning.blocks, this.context.includeEncryptedReasoning);
    this.response.output[reasoning.outputIndex] = item;
    const frames: string[] = [];
    if (reasoning.summary) {
      const where = { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0 };
      frames.push(this.emit('response.reasoning_summary_text.done', { ...where, text: reasoning.summary }));
      frames.push(this.emit('response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text: reasoning.summary } }));
    }
    frames.push(this.emit('response.output_item.done', { output_index: reasoning.outputIndex, item }));
    return frames;
  }

  private textDelta(delta: string): string[] {
    const frames: string[] = [];
    if (!this.text) {
      frames.push(...this.closeReasoning());
      this.text = { kind: 'text', id: generateId('msg_'), outputIndex: this.response.output.length, text: '' };
      const item: ResponsesOutputItem = { type: 'message', id: this.text.id, status: 'in_progress', role: 'assistant', content: [] };
      this.response.output.push(item);
      frames.push(this.emit('response.output_item.added', { output_index: this.text.outputIndex, item }));
      frames.push(this.emit('response.content_part.added', { item_id: this.text.id, output_index: this.text.outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    }
    this.text.text += delta;
    frames.push(this.emit('response.output_text.delta', { item_id: this.text.id, output_index: this.text.outputIndex, content_index: 0, delta, logprobs: [] }));
    return frames;
  }

  private callDelta(index: number, id: string | undefined, name: string | undefined, args: string | undefined): string[] {
    const frames: string[] = [];
    let call = this.calls.get(index);
    if (!call) {
      frames.push(...this.closeReasoning(), ...this.closeText());
      const custom = name !== undefined && this.context.customTools.has(name);
      call = { kind: 'call', id: generateId(custom ? 'ctc_' : 'fc_'), outputIndex: this.response.output.length, callId: id ?? generateId('call_'), name: name ?? '', args: '', custom };
      this.calls.set(index, call);
      const item: ResponsesOutputItem = custom
        ? { type: 'custom_tool_call', id: call.id, call_id: call.callId, name: call.name, input: '', status: 'in_progress' }
        : { type: 'function_call', id: call.id, call_id: call.callId, name: call.name, arguments: '', status: 'in_progress' };
      this.response.output.push(item);
      frames.push(this.emit('response.output_item.added', { output_index: call.outputIndex, item }));
    }
    if (args) {
      call.args += args;
      // A free-form tool's input is the string inside {"input": …}: it is sent whole when the call is complete.
      if (!call.custom) frames.push(this.emit('response.function_call_arguments.delta', { item_id: call.id, output_index: call.outputIndex, delta: args }));
    }
    return frames;
  }

  private closeText(): string[] {
    const text = this.text;
    if (!text) return [];
    this.text = null;
    const part = { type: 'output_text' as const, text: text.text, annotations: [] };
    const item: ResponsesOutputItem = { type: 'message', id: text.id, status: 'completed', role: 'assistant', content: [part] };
    this.response.output[text.outputIndex] = item;
    return [
      this.emit('response.output_text.done', { item_id: text.id, output_index: text.outputIndex, content_index: 0, text: text.text, logprobs: [] }),
      this.emit('response.content_part.done', { item_id: text.id, output_index: text.outputIndex, content_index: 0, part }),
      this.emit('response.output_item.done', { output_index: text.outputIndex, item }),
    ];
  }

  private closeCalls(): string[] {
    const frames: string[] = [];
    for (const call of this.calls.values()) {
      let item: ResponsesOutputItem;
      if (call.custom) {
        const input = customToolInput(call.args);
        item = { type: 'custom_tool_call', id: call.id, call_id: call.callId, name: call.name, input, status: 'completed' };
        frames.push(this.emit('response.custom_tool_call_input.delta', { item_id: call.id, output_index: call.outputIndex, delta: input }));
        frames.push(this.emit('response.custom_tool_call_input.done', { item_id: call.id, output_index: call.outputIndex, input }));
      } else {
        item = { type: 'function_call', id: call.id, call_id: call.callId, name: call.name, arguments: call.args, status: 'completed' };
        frames.push(this.emit('response.function_call_arguments.done', { item_id: call.id, output_index: call.outputIndex, name: call.name, arguments: call.args }));
      }
      this.response.output[call.outputIndex] = item;
      frames.push(this.emit('response.output_item.done', { output_index: call.outputIndex, item }));
    }
    this.calls.clear();
    return frames;
  }

  private start(): string[] {
    if (this.started) return [];
    this.started = true;
    return [this.emit('response.created', { response: this.snapshot() }), this.emit('response.in_progress', { response: this.snapshot() })];
  }

  private finish(): string[] {
    const frames = [...this.closeReasoning(), ...this.closeText(), ...this.closeCalls()];
    this.done = true;
    const incomplete = this.finishReason === 'length' ? 'max_output_tokens' : this.finishReason === 'content_filter' ? 'content_filter' : null;
    this.response.status = incomplete ? 'incomplete' : 'completed';
    this.response.incomplete_details = incomplete ? { reason: incomplete } : null;
    if (this.chatUsage) this.response.usage = buildResponsesUsage(readOpenAIUsage(this.chatUsage), this.chatUsage.completion_tokens_details?.reasoning_tokens ?? 0);
    const response = this.snapshot();
    frames.push(this.emit(incomplete ? 'response.incomplete' : 'response.completed', { response }));
    this.onComplete?.(response);
    return frames;
  }

  private fail(error: ProtocolError): string[] {
    this.done = true;
    this.upstreamError = error;
    this.response.status = 'failed';
    this.response.error = { code: error.status >= 500 ? 'server_error' : 'invalid_request', message: error.message };
    return [this.emit('response.failed', { response: this.snapshot() })];
  }

  private snapshot(): ResponsesResponse {
    return { ...this.response, output: [...this.response.output] };
  }

  private emit(type: string, fields: Record<string, unknown>): string {
    return formatSseEvent({ event: type, data: JSON.stringify({ type, ...fields, sequence_number: this.sequence++ }) });
  }
}
