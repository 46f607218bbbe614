// OpenAI chat.completion.chunk stream → Anthropic Messages stream (docs/CONVERSION.md §5.3).
import { formatAnthropicEvent } from '../anthropic/frames';
import type { AnthropicResponseBlock, AnthropicStopReason, AnthropicStreamEvent } from '../anthropic/types';
import { buildAnthropicUsage } from '../anthropic/usage';
import type { AnthropicClientContext } from '../context';
import { buildAnthropicError, readOpenAIError, type ProtocolError } from '../errors';
import { generateId } from '../ids';
import { isRecord, parseJsonSafely } from '../json';
import type { OpenAIChatChunk, OpenAIDelta, OpenAIToolCallDelta } from '../openai/types';
import { readOpenAIUsage } from '../openai/usage';
import type { SseEvent } from '../sse';
import type { StreamConverter } from '../stream-converter';
import { ZERO_USAGE, type NormalizedUsage } from '../usage';
import { restoreClientShape } from './structured-output';
import { mapFinishReasonToStopReason } from './stop-reason';

type BlockKind = 'text' | 'thinking' | 'tool_use';
type UpstreamChunk = Partial<OpenAIChatChunk> & { error?: unknown };

/**
 * Block invariant: every content_block_start.index equals the number of blocks started before it, and every
 * delta goes to an open block of its own type. Text and thinking blocks are opened one at a time; the tool
 * blocks of one run stay open together so interleaved arguments of parallel calls still reach their block.
 */
export class OpenAIToAnthropicStream implements StreamConverter {
  private frames: string[] = [];
  private started = false;
  private done = false;
  private nextIndex = 0;
  private openBlocks: { index: number; kind: BlockKind }[] = [];
  private readonly toolBlocks = new Map<number, { blockIndex: number; id: string }>();
  private stopReason: AnthropicStopReason | null = null;
  private knownUsage: NormalizedUsage | null = null;
  private upstreamError: ProtocolError | null = null;
  /** The answer's text, held until the finish when it must be mapped back to the client's schema first. */
  private heldText: string[] | null;
  constructor(
    private readonly context: AnthropicClientContext,
    /** Where oddities worth noting go (e.g. arguments for a tool block that was already closed). */
    private readonly warnings: string[] = [],
  ) {
    this.heldText = context.structuredOutputSchema ? [] : null;
  }

  get usage(): NormalizedUsage | null {
    return this.knownUsage;
  }

  endedEarly = false;

  get error(): ProtocolError | null {
    return this.upstreamError;
  }

  push(event: SseEvent): string[] {
    if (this.done) return [];
    if (event.data.trim() === '[DONE]') return this.end();
    const payload = parseJsonSafely(event.data);
    this.frames = [];
    if (!isRecord(payload)) this.fail({ status: 502, message: 'upstream sent a chunk that is not valid JSON' });
    else {
      try {
        this.handleChunk(payload as UpstreamChunk);
      } catch {
        this.fail({ status: 502, message: 'upstream sent a malformed chunk' });
      }
    }
    return this.frames;
  }

  /** Upstream `[DONE]` or EOF: send the held message_delta, or an error if the finish never came. */
  end(): string[] {
    if (this.done) return [];
    this.frames = [];
    if (this.stopReason) this.finish();
    else {
      this.endedEarly = true;
      this.fail({ status: 500, message: 'upstream stream ended without a finish reason' });
    }
    return this.frames;
  }

  private handleChunk(chunk: UpstreamChunk): void {
    if (chunk.error !== undefined && chunk.error !== null) {
      const error = isRecord(chunk.error) ? chunk.error : { message: String(chunk.error) };
      return this.fail(readOpenAIError(error));
    }
    this.start(chunk);
    const choice = chunk.choices?.[0];
    // A chunk carrying both content and finish_reason is processed content first.
    if (choice?.delta && !this.stopReason) this.handleDelta(choice.delta);
    if (choice?.finish_reason && !this.stopReason) this.handleFinish(choice.finish_reason);
    if (this.done || !isRecord(chunk.usage)) return;
    this.knownUsage = readOpenAIUsage(chunk.usage);
    // OpenAI sends usage in a chunk of its own after the finish chunk: message_delta waits for it.
    if (this.stopReason) this.finish();
  }

  private start(chunk: UpstreamChunk): void {
    if (this.started) return;
    this.started = true;
    this.emit({
      type: 'message_start',
      message: {
        id: chunk.id ? `msg_${chunk.id}` : generateId('msg_'),
        type: 'message',
        role: 'assistant',
        content: [],
        model: this.context.model,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: this.context.inputTokensEstimate ?? 0, output_tokens: 0 },
      },
    });
  }

  private handleDelta(delta: OpenAIDelta): void {
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) this.appendText('thinking', reasoning);
    if (delta.content) {
      if (this.heldText) this.heldText.push(delta.content);
      else this.appendText('text', delta.content);
    }
    if (delta.refusal) this.appendText('text', delta.refusal);
    (delta.tool_calls ?? []).forEach((call, position) => this.handleToolCall(call, position));
  }

  private appendText(kind: 'text' | 'thinking', text: string): void {
    let index = this.openBlocks.at(-1)?.kind === kind ? this.openBlocks.at(-1)?.index : undefined;
    if (index === undefined) {
      this.closeBlocks(() => true);
      index = this.openBlock(kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
    }
    const delta = kind === 'text' ? { type: 'text_delta' as const, text } : { type: 'thinking_delta' as const, thinking: text };
    this.emit({ type: 'content_block_delta', index, delta });
  }

  private handleToolCall(call: OpenAIToolCallDelta, position: number): void {
    const key = call.index ?? position;
    let block = this.toolBlocks.get(key);
    // Ollama reuses index 0 for every call: a new id at a seen index is a new call.
    if (!block || (call.id && call.id !== block.id)) {
      this.closeBlocks((open) => open.kind !== 'tool_use');
      const id = call.id || generateId('toolu_');
      const upstreamName = call.function?.name ?? '';
      const name = this.context.toolNames[upstreamName] ?? upstreamName;
      block = { blockIndex: this.openBlock({ type: 'tool_use', id, name, input: {} }), id };
      this.toolBlocks.set(key, block);
    }
    const partialJson = call.function?.arguments;
    if (!partialJson) return;
    const { blockIndex } = block;
    if (!this.openBlocks.some((open) => open.index === blockIndex)) {
      this.warnings.push(`dropped arguments for tool call ${key}: its block was already closed`);
      return;
    }
    this.emit({ type: 'content_block_delta', index: blockIndex, delta: { type: 'input_json_delta', partial_json: partialJson } });
  }

  private handleFinish(finishReason: string): void {
    const calledTools = this.toolBlocks.size > 0;
    const stopReason = mapFinishReasonToStopReason(finishReason, calledTools);
    if (!stopReason) return this.fail({ status: 502, message: `upstream finished with finish_reason "${finishReason}"` });
    if (this.heldText?.length) this.appendText('text', restoreClientShape(this.heldText.join(''), this.context));
    this.heldText = null;
    this.closeBlocks(() => true);
    this.stopReason = stopReason;
  }

  private finish(): void {
    this.closeBlocks(() => true);
    this.emit({
      type: 'message_delta',
      delta: { stop_reason: this.stopReason, stop_sequence: null },
      usage: buildAnthropicUsage(this.knownUsage ?? ZERO_USAGE),
    });
    this.emit({ type: 'message_stop' });
    this.done = true;
  }

  /** Ends the stream with an Anthropic error event; never a synthetic end_turn. */
  private fail(error: ProtocolError): void {
    this.done = true;
    this.upstreamError = error;
    this.frames.push(formatAnthropicEvent(buildAnthropicError(error).body));
  }

  private openBlock(contentBlock: AnthropicResponseBlock & { type: BlockKind }): number {
    const index = this.nextIndex++;
    this.openBlocks.push({ index, kind: contentBlock.type });
    this.emit({ type: 'content_block_start', index, content_block: contentBlock });
    return index;
  }

  private closeBlocks(shouldClose: (block: { index: number; kind: BlockKind }) => boolean): void {
    for (const block of this.openBlocks.filter(shouldClose)) this.emit({ type: 'content_block_stop', index: block.index });
    this.openBlocks = this.openBlocks.filter((block) => !shouldClose(block));
  }

  private emit(event: AnthropicStreamEvent): void {
    this.frames.push(formatAnthropicEvent(event));
  }
}
