// Anthropic stream → OpenAI chat.completion.chunk stream (docs/CONVERSION.md §5.2).
import type { AnthropicResponseBlock, AnthropicStreamEvent } from '../anthropic/types';
import { mergeAnthropicUsage, readAnthropicUsage } from '../anthropic/usage';
import type { OpenAIClientContext } from '../context';
import { buildOpenAIError, readAnthropicError, type ProtocolError } from '../errors';
import { generateId } from '../ids';
import { isRecord, parseJsonSafely } from '../json';
import { formatOpenAIChunk, formatOpenAIError, OPENAI_DONE_FRAME } from '../openai/frames';
import type { OpenAIDelta, OpenAIFinishReason } from '../openai/types';
import { buildOpenAIUsage } from '../openai/usage';
import type { SseEvent } from '../sse';
import type { StreamConverter } from '../stream-converter';
import type { NormalizedUsage } from '../usage';
import { mapStopReasonToFinishReason } from './finish-reason';

type BlockState =
  | { kind: 'text' | 'json' | 'ignored' }
  | { kind: 'thinking'; thinking: string; signature: string }
  | { kind: 'redacted'; data: string }
  // toolIndex counts tool calls only (0..k-1); it is never the content-block index.
  | { kind: 'tool'; toolIndex: number; sawArguments: boolean };

export class AnthropicToOpenAIStream implements StreamConverter {
  private id = generateId('chatcmpl-');
  /** The frame text every chunk starts with, up to its delta (id, object, created, model): serialized once. */
  private chunkPrefix: string | null = null;
  private readonly created: number;
  private started = false;
  private done = false;
  private toolCount = 0;
  private readonly blocks = new Map<number, BlockState>();
  private finishReason: OpenAIFinishReason | null = null;
  private knownUsage: NormalizedUsage | null = null;
  private upstreamError: ProtocolError | null = null;

  constructor(
    private readonly context: OpenAIClientContext,
    now: number = Date.now(),
  ) {
    this.created = Math.floor(now / 1000);
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
    const payload = parseJsonSafely(event.data);
    if (!isRecord(payload) || typeof payload.type !== 'string') {
      return this.fail({ status: 502, message: 'upstream sent an event that is not valid JSON' });
    }
    try {
      return this.handle(payload as AnthropicStreamEvent);
    } catch {
      // A structurally broken event (missing fields); the stream cannot continue meaningfully.
      return this.fail({ status: 502, message: `upstream sent a malformed ${payload.type} event` });
    }
  }

  end(): string[] {
    if (this.done) return [];
    // The message is complete once its stop reason is known; only message_stop is missing.
    if (this.finishReason) return this.finish();
    this.endedEarly = true;
    return this.fail({ status: 502, message: 'upstream stream ended before the message was complete' });
  }

  private handle(event: AnthropicStreamEvent): string[] {
    switch (event.type) {
      case 'message_start':
        if (event.message?.id) {
          this.id = event.message.id;
          this.chunkPrefix = null;
        }
        this.knownUsage = readAnthropicUsage(event.message?.usage ?? {});
        return this.start();
      case 'content_block_start':
        return [...this.start(), ...this.startBlock(event.index, event.content_block)];
      case 'content_block_delta':
        return this.handleDelta(event);
      case 'content_block_stop':
        return this.stopBlock(event.index);
      case 'message_delta': {
        // Counts are cumulative: overwrite, never add.
        this.knownUsage = mergeAnthropicUsage(this.knownUsage ?? readAnthropicUsage({}), event.usage ?? {});
        const usedJsonTool = [...this.blocks.values()].some((block) => block.kind === 'json');
        this.finishReason = usedJsonTool ? 'stop' : mapStopReasonToFinishReason(event.delta?.stop_reason);
        return [...this.start(), this.chunk({}, this.finishReason)];
      }
      case 'message_stop':
        if (!this.finishReason) return this.fail({ status: 502, message: 'upstream stream stopped without a stop reason' });
        return this.finish();
      case 'error':
        return this.fail(readAnthropicError(event.error ?? {}));
      default:
        // ping, and event types Anthropic may add later.
        return [];
    }
  }

  private start(): string[] {
    if (this.started) return [];
    this.started = true;
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  private startBlock(index: number, block: AnthropicResponseBlock): string[] {
    switch (block.type) {
      case 'text':
        this.blocks.set(index, { kind: 'text' });
        return block.text ? [this.chunk({ content: block.text })] : [];
      case 'thinking':
        this.blocks.set(index, { kind: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' });
        return block.thinking ? [this.chunk({ reasoning_content: block.thinking })] : [];
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'redacted', data: block.data });
        return [];
      case 'tool_use': {
        if (block.name === this.context.jsonToolName) {
          this.blocks.set(index, { kind: 'json' });
          return [];
        }
        const toolIndex = this.toolCount++;
        this.blocks.set(index, { kind: 'tool', toolIndex, sawArguments: false });
        const call = { index: toolIndex, id: block.id, type: 'function' as const, function: { name: block.name, arguments: '' } };
        return [this.chunk({ tool_calls: [call] })];
      }
      default:
        // Redacted thinking and server-tool blocks are never tool_calls.
        this.blocks.set(index, { kind: 'ignored' });
        return [];
    }
  }

  private handleDelta(event: Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>): string[] {
    const block = this.blocks.get(event.index);
    const delta = event.delta ?? { type: 'missing' };
    if (delta.type === 'text_delta' && block?.kind === 'text') return [this.chunk({ content: delta.text })];
    if (delta.type === 'thinking_delta' && block?.kind === 'thinking') {
      block.thinking += delta.thinking;
      return [this.chunk({ reasoning_content: delta.thinking })];
    }
    if (delta.type === 'signature_delta' && block?.kind === 'thinking') block.signature += delta.signature;
    if (delta.type === 'input_json_delta' && block?.kind === 'json') return [this.chunk({ content: delta.partial_json })];
    if (delta.type === 'input_json_delta' && block?.kind === 'tool' && delta.partial_json !== '') {
      block.sawArguments = true;
      return [this.chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: delta.partial_json } }] })];
    }
    // signature_delta and citations_delta have no OpenAI place; they must not leak into content.
    return [];
  }

  /** A tool that streamed no arguments still needs parseable JSON on the client. */
  private stopBlock(index: number): string[] {
    const block = this.blocks.get(index);
    if (this.context.streamThinkingBlocks) {
      if (block?.kind === 'thinking' && block.signature) return [this.chunk({ thinking_blocks: [{ type: 'thinking', thinking: block.thinking, signature: block.signature }] })];
      if (block?.kind === 'redacted') return [this.chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: block.data }] })];
    }
    if (block?.kind !== 'tool' || block.sawArguments) return [];
    return [this.chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: '{}' } }] })];
  }

  private finish(): string[] {
    this.done = true;
    const frames: string[] = [];
    if (this.context.includeUsage) {
      const usage = buildOpenAIUsage(this.knownUsage ?? readAnthropicUsage({}));
      frames.push(formatOpenAIChunk({ ...this.chunkBase(), choices: [], usage }));
    }
    frames.push(OPENAI_DONE_FRAME);
    return frames;
  }

  /** Ends the stream with an OpenAI error frame; never a fabricated finish_reason. */
  private fail(error: ProtocolError): string[] {
    this.done = true;
    this.upstreamError = error;
    return [formatOpenAIError(buildOpenAIError(error).body)];
  }

  private chunkBase() {
    return { id: this.id, object: 'chat.completion.chunk' as const, created: this.created, model: this.context.model };
  }

  /** The same frame formatOpenAIChunk writes, built from the cached prefix: this runs once per streamed token. */
  private chunk(delta: OpenAIDelta, finishReason: OpenAIFinishReason | null = null): string {
    this.chunkPrefix ??= `data: ${JSON.stringify(this.chunkBase()).slice(0, -1)},"choices":[{"index":0,"delta":`;
    // With include_usage, OpenAI sends usage:null on every chunk before the usage chunk.
    const usage = this.context.includeUsage ? ',"usage":null' : '';
    return `${this.chunkPrefix}${JSON.stringify(delta)},"finish_reason":${JSON.stringify(finishReason)},"logprobs":null}]${usage}}\n\n`;
  }
}
