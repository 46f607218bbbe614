import { describe, expect, it } from 'vitest';
import type { OpenAIClientContext } from '../context';
import type { OpenAIChatChunk } from '../openai/types';
import { readPayloads, toAnthropicEvents, type RecordedEvent } from '../test-support';
import { AnthropicToOpenAIStream } from './stream';

const usage = (input: number, output: number) => ({ input_tokens: input, output_tokens: output });
const messageStart = (extraUsage: object = {}) => ({
  type: 'message_start',
  message: {
    id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
    type: 'message',
    role: 'assistant',
    content: [],
    model: 'claude-sonnet-4-5-20250929',
    stop_reason: null,
    stop_sequence: null,
    usage: { ...usage(25, 1), ...extraUsage },
  },
});
const textBlock = (index: number, ...texts: string[]) => [
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  ...texts.map((text) => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })),
  { type: 'content_block_stop', index },
];
const toolBlock = (index: number, id: string, name: string, ...parts: string[]) => [
  { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } },
  ...parts.map((partial_json) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } })),
  { type: 'content_block_stop', index },
];
const messageEnd = (stopReason: string, outputTokens: number, extraUsage: object = {}) => [
  { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens, ...extraUsage } },
  { type: 'message_stop' },
];

function run(payloads: RecordedEvent[], context: Partial<OpenAIClientContext> = {}, withEof = true) {
  const converter = new AnthropicToOpenAIStream({ model: 'my-claude', includeUsage: false, ...context }, 1_750_000_000_000);
  const frames = toAnthropicEvents(payloads).flatMap((event) => converter.push(event));
  if (withEof) frames.push(...converter.end());
  return { converter, payloads: readPayloads(frames) };
}

const chunks = (payloads: unknown[]) => payloads.filter((payload): payload is OpenAIChatChunk => typeof payload === 'object' && payload !== null && 'choices' in payload);
const deltas = (payloads: unknown[]) => chunks(payloads).flatMap((chunk) => chunk.choices.map((choice) => choice.delta));

/** Reassembles tool calls the way OpenAI clients do: by tool index, concatenating argument fragments. */
function assembleToolCalls(payloads: unknown[]) {
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  for (const delta of deltas(payloads)) {
    for (const call of delta.tool_calls ?? []) {
      calls[call.index] ??= { arguments: '' };
      if (call.id) calls[call.index].id = call.id;
      if (call.function?.name) calls[call.index].name = call.function.name;
      calls[call.index].arguments += call.function?.arguments ?? '';
    }
  }
  return calls;
}

describe('AnthropicToOpenAIStream', () => {
  it('streams text: a role chunk first, content deltas, the finish chunk, then [DONE]', () => {
    const { payloads } = run([messageStart(), { type: 'ping' }, ...textBlock(0, 'Hello', '!'), ...messageEnd('end_turn', 15)]);
    expect(payloads.at(-1)).toBe('[DONE]');
    const streamed = chunks(payloads);
    expect(streamed.map((chunk) => [chunk.choices[0].delta, chunk.choices[0].finish_reason])).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Hello' }, null],
      [{ content: '!' }, null],
      [{}, 'stop'],
    ]);
    for (const chunk of streamed) {
      expect(chunk).toMatchObject({ id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'my-claude' });
      expect(chunk.choices[0].index).toBe(0);
      expect(chunk).not.toHaveProperty('usage');
    }
  });

  it('gives parallel tool calls their own 0-based indices after text, with arguments reassembling to JSON', () => {
    const { payloads } = run([
      messageStart(),
      ...textBlock(0, 'Let me check both.'),
      ...toolBlock(1, 'toolu_01A', 'get_weather', '{"city": ', '"Paris"}'),
      ...toolBlock(2, 'toolu_01B', 'get_weather', '', '{"city":"Ro', 'me"}'),
      ...toolBlock(3, 'toolu_01C', 'get_time'),
      ...messageEnd('tool_use', 80),
    ]);
    const calls = assembleToolCalls(payloads);
    expect(calls).toEqual([
      { id: 'toolu_01A', name: 'get_weather', arguments: '{"city": "Paris"}' },
      { id: 'toolu_01B', name: 'get_weather', arguments: '{"city":"Rome"}' },
      { id: 'toolu_01C', name: 'get_time', arguments: '{}' },
    ]);
    for (const call of calls) expect(() => JSON.parse(call.arguments)).not.toThrow();
    const argumentDeltas = deltas(payloads).flatMap((delta) => delta.tool_calls ?? []).filter((call) => !call.id);
    for (const call of argumentDeltas) expect(call).toEqual({ index: call.index, function: { arguments: expect.any(String) } });
    expect(chunks(payloads).at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('sends thinking as reasoning_content and never leaks signatures into content', () => {
    const { payloads } = run([
      messageStart(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me add.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'EmwK' } },
      { type: 'content_block_stop', index: 1 },
      ...textBlock(2, '4'),
      ...messageEnd('end_turn', 30),
    ]);
    expect(deltas(payloads).slice(1, -1)).toEqual([{ reasoning_content: 'Let me add.' }, { content: '4' }]);
    expect(JSON.stringify(payloads)).not.toContain('EqQBCgIYAhIM');
  });

  it('never turns server tool blocks into tool_calls', () => {
    const { payloads } = run([
      messageStart(),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } },
      { type: 'content_block_stop', index: 0 },
      ...textBlock(1, 'Found it.'),
      ...messageEnd('end_turn', 9),
    ]);
    expect(assembleToolCalls(payloads)).toEqual([]);
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['pause_turn', 'stop'],
    ['refusal', 'content_filter'],
    ['model_context_window_exceeded', 'length'],
  ])('maps stop_reason %s to finish_reason %s', (stopReason, finishReason) => {
    const { payloads } = run([messageStart(), ...textBlock(0, 'x'), ...messageEnd(stopReason, 2)]);
    expect(chunks(payloads).at(-1)?.choices[0].finish_reason).toBe(finishReason);
  });

  it('sends the usage chunk only when the client asked, with usage:null on earlier chunks', () => {
    const events = [messageStart({ cache_read_input_tokens: 1000, cache_creation_input_tokens: 100 }), ...textBlock(0, 'Hi'), ...messageEnd('end_turn', 12)];
    const asked = run(events, { includeUsage: true }).payloads;
    const usageChunk = chunks(asked).at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toMatchObject({ prompt_tokens: 1125, completion_tokens: 12, total_tokens: 1137, prompt_tokens_details: { cached_tokens: 1000 } });
    for (const chunk of chunks(asked).slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(asked.at(-1)).toBe('[DONE]');

    const notAsked = run(events).payloads;
    expect(chunks(notAsked).every((chunk) => chunk.choices.length === 1)).toBe(true);
  });

  it('overwrites usage from message_delta instead of adding, and exposes it to the gateway', () => {
    const { converter } = run([
      messageStart({ cache_read_input_tokens: 500 }),
      ...textBlock(0, 'Hi'),
      ...messageEnd('end_turn', 40, { input_tokens: 25, cache_read_input_tokens: 500 }),
    ]);
    expect(converter.usage).toEqual({ inputTokens: 25, outputTokens: 40, cacheReadTokens: 500, cacheCreationTokens: 0 });
  });

  it('turns an error event mid-stream into an OpenAI error frame and stops', () => {
    const { payloads, converter } = run([
      messageStart(),
      ...textBlock(0, 'Partial'),
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ...messageEnd('end_turn', 3),
    ]);
    expect(payloads.at(-1)).toEqual({ error: { message: 'Overloaded', type: 'server_error', param: null, code: null } });
    expect(payloads).not.toContain('[DONE]');
    expect(chunks(payloads).some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
    expect(converter.error).toEqual({ status: 529, message: 'Overloaded' });
  });

  it('ends a truncated stream with an error frame, never a fabricated finish_reason', () => {
    const { payloads, converter } = run([messageStart(), { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hal' } }]);
    expect(payloads.at(-1)).toEqual({ error: expect.objectContaining({ type: 'server_error', message: expect.stringContaining('ended') }) });
    expect(chunks(payloads).some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
    expect(payloads).not.toContain('[DONE]');
    expect(converter.end()).toEqual([]);
  });

  it('completes normally when only message_stop is missing after the stop reason', () => {
    const { payloads } = run([messageStart(), ...textBlock(0, 'ok'), messageEnd('end_turn', 1)[0]]);
    expect(payloads.at(-1)).toBe('[DONE]');
  });

  it('ignores unknown event types', () => {
    const { payloads } = run([messageStart(), { type: 'future_event' }, ...textBlock(0, 'ok'), ...messageEnd('end_turn', 1)]);
    expect(deltas(payloads)).toEqual([{ role: 'assistant', content: '' }, { content: 'ok' }, {}]);
  });

  it('streams the synthetic json tool as content when response_format was emulated', () => {
    const { payloads } = run(
      [messageStart(), ...toolBlock(0, 'toolu_j', 'json_tool_call', '{"answer":', '"yes"}'), ...messageEnd('tool_use', 5)],
      { jsonToolName: 'json_tool_call' },
    );
    expect(deltas(payloads).map((delta) => delta.content ?? '').join('')).toBe('{"answer":"yes"}');
    expect(assembleToolCalls(payloads)).toEqual([]);
    expect(chunks(payloads).at(-1)?.choices[0].finish_reason).toBe('stop');
  });
});
