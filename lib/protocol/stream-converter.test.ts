import { describe, expect, it } from 'vitest';
import { AnthropicToOpenAIStream } from './anthropic-to-openai/stream';
import { OpenAIToAnthropicStream } from './openai-to-anthropic/stream';
import { createConversionTransformer, type StreamConverter } from './stream-converter';
import { runTransformer, toAnthropicEvents, toOpenAIEvents, toWireText } from './test-support';

const anthropicWire = toWireText(
  toAnthropicEvents([
    { type: 'message_start', message: { id: 'msg_split', type: 'message', role: 'assistant', content: [], model: 'claude', stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Größe: 東京 🌸' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":"é"}' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } },
    { type: 'message_stop' },
  ]),
).replaceAll('\n', '\r\n');

const base = { id: 'chatcmpl-split', object: 'chat.completion.chunk', created: 1, model: 'gpt' };
const openAIWire = toWireText(
  toOpenAIEvents([
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'Größe: 東京 🌸' }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"é"}' } }] }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    { ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } },
    '[DONE]',
  ]),
);

function convertChunks(converter: StreamConverter, chunks: Uint8Array[]): string {
  return runTransformer(createConversionTransformer(converter), chunks);
}

describe.each([
  ['Anthropic → OpenAI', anthropicWire, () => new AnthropicToOpenAIStream({ model: 'alias', includeUsage: true }, 1_750_000_000_000)],
  ['OpenAI → Anthropic', openAIWire, () => new OpenAIToAnthropicStream({ model: 'alias', toolNames: {} })],
])('createConversionTransformer %s', (_direction, wire, createConverter) => {
  const bytes = new TextEncoder().encode(wire);

  it('gives identical output whatever byte offset splits the upstream stream in two', () => {
    const whole = convertChunks(createConverter(), [bytes]);
    expect(whole).toContain('東京 🌸');
    expect(whole).toContain('{\\"q\\":\\"é\\"}');
    for (let offset = 1; offset < bytes.length; offset++) {
      const split = convertChunks(createConverter(), [bytes.slice(0, offset), bytes.slice(offset)]);
      if (split !== whole) expect(split, `split at byte ${offset}`).toBe(whole);
    }
  });

  it('ends with an error frame when the upstream is cut mid-event', () => {
    const converter = createConverter();
    const output = convertChunks(converter, [bytes.slice(0, Math.floor(bytes.length / 2))]);
    expect(output).toMatch(/"error"/);
    expect(converter.error?.message).toMatch(/ended/);
  });
});
