import { describe, expect, it } from 'vitest';
import { createPassthroughTransformer } from './passthrough';
import { parseFrames, runTransformer, toAnthropicEvents, toOpenAIEvents, toWireText } from './test-support';
import { createAnthropicUsageSniffer, createOpenAIUsageSniffer, type UsageSniffer } from './usage-sniffer';

const anthropicStream = toWireText(
  toAnthropicEvents([
    {
      type: 'message_start',
      message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude', stop_reason: null, stop_sequence: null, usage: { input_tokens: 472, output_tokens: 2, cache_read_input_tokens: 2048, cache_creation_input_tokens: 0 } },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'usage is "usage":{ fun' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 89 } },
    { type: 'message_stop' },
  ]),
);

const openAIBase = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt' };
const openAIStream = toWireText(
  toOpenAIEvents([
    { ...openAIBase, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }], usage: null },
    { ...openAIBase, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null },
    { ...openAIBase, choices: [], usage: { prompt_tokens: 100, completion_tokens: 7, total_tokens: 107, prompt_tokens_details: { cached_tokens: 64 } } },
    '[DONE]',
  ]),
);

function pipe(text: string, sniffer: UsageSniffer, dropUsageOnlyChunks = false): string {
  const bytes = new TextEncoder().encode(text);
  // Odd-sized reads so events straddle chunk boundaries.
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += 37) chunks.push(bytes.slice(offset, offset + 37));
  return runTransformer(createPassthroughTransformer(sniffer, { dropUsageOnlyChunks }), chunks);
}

describe('usage sniffers on pass-through streams', () => {
  it('forwards an Anthropic stream byte for byte, input_tokens in message_start included, and reads its usage', () => {
    const sniffer = createAnthropicUsageSniffer();
    const output = pipe(anthropicStream, sniffer);
    expect(output).toBe(anthropicStream);
    const messageStart = JSON.parse(parseFrames([output])[0].data);
    expect(messageStart.message.usage.input_tokens).toBe(472);
    expect(sniffer.usage).toEqual({ inputTokens: 472, outputTokens: 89, cacheReadTokens: 2048, cacheCreationTokens: 0 });
  });

  it('forwards an OpenAI stream unchanged when the client asked for usage, and reads it', () => {
    const sniffer = createOpenAIUsageSniffer();
    expect(pipe(openAIStream, sniffer)).toBe(openAIStream);
    expect(sniffer.usage).toEqual({ inputTokens: 36, outputTokens: 7, cacheReadTokens: 64, cacheCreationTokens: 0 });
  });

  it('drops the usage-only chunk it requested itself, still reading the usage', () => {
    const sniffer = createOpenAIUsageSniffer();
    const events = parseFrames([pipe(openAIStream, sniffer, true)]);
    expect(events.map((event) => event.data === '[DONE]' || JSON.parse(event.data).choices.length)).toEqual([1, 1, true]);
    expect(sniffer.usage?.outputTokens).toBe(7);
  });

  it('tells a stream that reached its end from one cut short or ended by an error event', () => {
    const anthropicDone = createAnthropicUsageSniffer();
    pipe(anthropicStream, anthropicDone);
    expect([anthropicDone.complete, anthropicDone.error]).toEqual([true, null]);
    const anthropicCut = createAnthropicUsageSniffer();
    pipe(anthropicStream.slice(0, anthropicStream.indexOf('event: message_delta')), anthropicCut);
    expect(anthropicCut.complete).toBe(false);
    const anthropicFailed = createAnthropicUsageSniffer();
    pipe(`${anthropicStream.slice(0, 300)}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`, anthropicFailed);
    expect(anthropicFailed.error).toEqual({ status: 529, message: 'Overloaded' });

    const openAIDone = createOpenAIUsageSniffer();
    pipe(openAIStream, openAIDone);
    expect([openAIDone.complete, openAIDone.error]).toEqual([true, null]);
    const openAICut = createOpenAIUsageSniffer();
    // Only the first chunk, whose finish_reason is null.
    pipe(openAIStream.slice(0, openAIStream.indexOf('data:', 1)), openAICut);
    expect(openAICut.complete).toBe(false);
    const openAIFailed = createOpenAIUsageSniffer();
    pipe('data: {"error":{"message":"boom","type":"server_error","param":null,"code":null}}\n\n', openAIFailed);
    expect([openAIFailed.complete, openAIFailed.error]).toEqual([false, { status: 500, message: 'boom' }]);
  });
});
