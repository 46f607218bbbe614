import { describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent } from '../anthropic/types';
import type { AnthropicClientContext } from '../context';
import type { OpenAIDelta, OpenAIUsage } from '../openai/types';
import { parseFrames, toOpenAIEvents } from '../test-support';
import { OpenAIToAnthropicStream } from './stream';

const base = { id: 'chatcmpl-BdJ5', object: 'chat.completion.chunk', created: 1_749_000_000, model: 'gpt-4.1' };
const chunk = (delta: OpenAIDelta, finishReason: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  usage: null,
});
const usageChunk = (usage: OpenAIUsage) => ({ ...base, choices: [], usage });
const toolDelta = (index: number, fields: { id?: string; name?: string; arguments?: string }) => ({
  tool_calls: [
    {
      index,
      ...(fields.id && { id: fields.id, type: 'function' as const }),
      function: { ...(fields.name && { name: fields.name }), arguments: fields.arguments ?? '' },
    },
  ],
});

function run(payloads: (object | '[DONE]')[], context: Partial<AnthropicClientContext> = {}, withEof = true) {
  const converter = new OpenAIToAnthropicStream({ model: 'my-gpt', toolNames: {}, ...context });
  const frames = toOpenAIEvents(payloads).flatMap((event) => converter.push(event));
  if (withEof) frames.push(...converter.end());
  const events = parseFrames(frames);
  for (const event of events) expect(JSON.parse(event.data).type, 'event name equals data.type').toBe(event.event);
  return { converter, events: events.map((event) => JSON.parse(event.data) as AnthropicStreamEvent) };
}

/** Checks the block invariant and rebuilds the message the way Anthropic SDKs do. */
function assemble(events: AnthropicStreamEvent[]) {
  const blocks: { type: string; text?: string; thinking?: string; id?: string; name?: string; json?: string }[] = [];
  const open = new Set<number>();
  for (const event of events) {
    if (event.type === 'content_block_start') {
      expect(event.index).toBe(blocks.length);
      const block = event.content_block;
      blocks.push({ type: block.type, ...(block.type === 'tool_use' && { id: block.id, name: block.name, json: '' }) });
      open.add(event.index);
    } else if (event.type === 'content_block_delta') {
      const block = blocks[event.index];
      expect(open.has(event.index)).toBe(true);
      const { delta } = event;
      if (delta.type === 'text_delta') expect(block.type).toBe('text');
      if (delta.type === 'thinking_delta') expect(block.type).toBe('thinking');
      if (delta.type === 'input_json_delta') expect(block.type).toBe('tool_use');
      if (delta.type === 'text_delta') block.text = (block.text ?? '') + delta.text;
      if (delta.type === 'thinking_delta') block.thinking = (block.thinking ?? '') + delta.thinking;
      if (delta.type === 'input_json_delta') block.json += delta.partial_json;
    } else if (event.type === 'content_block_stop') {
      expect(open.delete(event.index)).toBe(true);
    }
  }
  expect(open.size).toBe(0);
  return blocks;
}

const types = (events: AnthropicStreamEvent[]) => events.map((event) => event.type);

describe('OpenAIToAnthropicStream', () => {
  it('streams text with a lazy message_start and holds message_delta until the usage chunk', () => {
    const { events } = run([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hello' }),
      chunk({ content: ' world' }),
      chunk({}, 'stop'),
      usageChunk({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 }),
      '[DONE]',
    ]);
    expect(types(events)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_chatcmpl-BdJ5',
        type: 'message',
        role: 'assistant',
        content: [],
        model: 'my-gpt',
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
    expect(assemble(events)).toEqual([{ type: 'text', text: 'Hello world' }]);
    expect(events[5]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 12, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
  });

  it('sends nothing before the first upstream chunk, so a pre-stream failure can still fail over', () => {
    const converter = new OpenAIToAnthropicStream({ model: 'm', toolNames: {} });
    expect(converter.push({ data: JSON.stringify(chunk({ role: 'assistant' })) })).toHaveLength(1);
  });

  it('opens one block per parallel tool call with arguments as input_json_delta, after closing text', () => {
    const { events } = run([
      chunk({ role: 'assistant', content: 'Checking both.' }),
      chunk(toolDelta(0, { id: 'call_A', name: 'get_weather' })),
      chunk(toolDelta(0, { arguments: '{"city":' })),
      chunk(toolDelta(0, { arguments: '"Paris"}' })),
      chunk(toolDelta(1, { id: 'call_B', name: 'get_weather', arguments: '{"city":"Rome"}' })),
      chunk({}, 'tool_calls'),
      usageChunk({ prompt_tokens: 50, completion_tokens: 40, total_tokens: 90 }),
      '[DONE]',
    ]);
    const blocks = assemble(events);
    expect(blocks).toEqual([
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_use', id: 'call_A', name: 'get_weather', json: '{"city":"Paris"}' },
      { type: 'tool_use', id: 'call_B', name: 'get_weather', json: '{"city":"Rome"}' },
    ]);
    for (const block of blocks.slice(1)) expect(() => JSON.parse(block.json ?? '')).not.toThrow();
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('keeps interleaved arguments of parallel calls in their own blocks', () => {
    const { events } = run([
      chunk({ tool_calls: [{ index: 0, id: 'call_A', type: 'function', function: { name: 'a', arguments: '' } }, { index: 1, id: 'call_B', type: 'function', function: { name: 'b', arguments: '' } }] }),
      chunk(toolDelta(0, { arguments: '{"x":' })),
      chunk(toolDelta(1, { arguments: '{"y":' })),
      chunk(toolDelta(0, { arguments: '1}' })),
      chunk(toolDelta(1, { arguments: '2}' })),
      chunk({}, 'tool_calls'),
      '[DONE]',
    ]);
    expect(assemble(events)).toEqual([
      { type: 'tool_use', id: 'call_A', name: 'a', json: '{"x":1}' },
      { type: 'tool_use', id: 'call_B', name: 'b', json: '{"y":2}' },
    ]);
  });

  it('treats a new id at a seen index as a new call (Ollama), and generates missing ids', () => {
    const { events } = run([
      chunk(toolDelta(0, { id: 'call_1', name: 'read', arguments: '{"path":"a"}' })),
      chunk(toolDelta(0, { id: 'call_2', name: 'read', arguments: '{"path":"b"}' })),
      chunk({ tool_calls: [{ index: 1, function: { name: 'list', arguments: '{}' } }] }),
      chunk({}, 'stop'),
      '[DONE]',
    ]);
    const blocks = assemble(events);
    expect(blocks.map((block) => [block.id, block.json])).toEqual([
      ['call_1', '{"path":"a"}'],
      ['call_2', '{"path":"b"}'],
      [expect.stringMatching(/^toolu_/), '{}'],
    ]);
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('opens a thinking block for reasoning_content before text, and a new text block after tools', () => {
    const { events } = run([
      chunk({ reasoning_content: 'Think' }),
      chunk({ reasoning: 'ing.' }),
      chunk({ content: 'Answer' }),
      chunk(toolDelta(0, { id: 'call_1', name: 'f', arguments: '{}' })),
      chunk({ content: 'More text' }),
      chunk({}, 'stop'),
      '[DONE]',
    ]);
    expect(assemble(events)).toEqual([
      { type: 'thinking', thinking: 'Thinking.' },
      { type: 'text', text: 'Answer' },
      { type: 'tool_use', id: 'call_1', name: 'f', json: '{}' },
      { type: 'text', text: 'More text' },
    ]);
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
  });

  it('maps tool names shortened for OpenAI back to the client names', () => {
    const { events } = run([chunk(toolDelta(0, { id: 'c', name: 'short_1234', arguments: '{}' }), 'tool_calls'), '[DONE]'], { toolNames: { short_1234: 'the_original_long_name' } });
    expect(assemble(events)[0].name).toBe('the_original_long_name');
  });

  it('processes content before finish_reason when one chunk carries both', () => {
    const { events } = run([chunk({ content: 'All at once' }, 'length'), '[DONE]']);
    expect(assemble(events)).toEqual([{ type: 'text', text: 'All at once' }]);
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
  ])('maps finish_reason %s to stop_reason %s', (finishReason, stopReason) => {
    const { events } = run([chunk({ content: 'x' }), chunk({}, finishReason), '[DONE]']);
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: stopReason } });
  });

  it('puts final counts with cache reads into message_delta and exposes them to the gateway', () => {
    const { events, converter } = run([
      chunk({ content: 'x' }),
      chunk({}, 'stop'),
      usageChunk({ prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } }),
    ]);
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({
      usage: { input_tokens: 86, output_tokens: 300, cache_read_input_tokens: 1920, cache_creation_input_tokens: 0 },
    });
    expect(converter.usage).toEqual({ inputTokens: 86, outputTokens: 300, cacheReadTokens: 1920, cacheCreationTokens: 0 });
  });

  it('sends message_delta at [DONE] with the best-known usage when no usage chunk came', () => {
    const { events } = run([chunk({ content: 'x' }), chunk({}, 'stop'), '[DONE]']);
    expect(types(events).slice(-2)).toEqual(['message_delta', 'message_stop']);
  });

  it('handles finish and usage in the same chunk, then ignores anything after message_stop', () => {
    const finalChunk = { ...chunk({}, 'stop'), usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } };
    const { events } = run([chunk({ content: 'x' }), finalChunk, chunk({ content: 'late' }), '[DONE]']);
    expect(types(events).slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(events.filter((event) => event.type === 'message_delta')).toHaveLength(1);
  });

  it('turns an upstream error chunk mid-stream into an Anthropic error event and stops', () => {
    const { events, converter } = run([
      chunk({ content: 'Partial' }),
      { error: { message: 'Rate limit reached for gpt-4.1', type: 'requests', code: 'rate_limit_exceeded' } },
      chunk({ content: 'ignored' }),
    ]);
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'Rate limit reached for gpt-4.1' } });
    expect(types(events)).not.toContain('message_delta');
    expect(converter.error).toEqual({ status: 429, message: 'Rate limit reached for gpt-4.1' });
  });

  it('ends a stream truncated before any finish with an api_error event, not a synthetic end_turn', () => {
    const { events } = run([chunk({ content: 'Hal' })]);
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'api_error', message: expect.stringContaining('without a finish reason') } });
    expect(types(events)).not.toContain('message_delta');
  });

  it('treats finish_reason "error" as an upstream error', () => {
    const { events } = run([chunk({ content: 'x' }), chunk({}, 'error'), '[DONE]']);
    expect(events.at(-1)).toMatchObject({ type: 'error' });
    expect(types(events)).not.toContain('message_delta');
  });
});
