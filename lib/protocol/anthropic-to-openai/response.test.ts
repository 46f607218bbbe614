import { describe, expect, it } from 'vitest';
import type { AnthropicMessage } from '../anthropic/types';
import type { OpenAIClientContext } from '../context';
import { convertAnthropicResponseToOpenAI } from './response';

const context: OpenAIClientContext = { model: 'my-claude', includeUsage: false };
const NOW = 1_750_000_000_000;

function anthropicMessage(overrides: Partial<AnthropicMessage>): AnthropicMessage {
  return {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text: 'Hello!' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 6 },
    ...overrides,
  };
}

describe('convertAnthropicResponseToOpenAI', () => {
  it('builds a chat.completion with the client model, now as created, and the message id', () => {
    const completion = convertAnthropicResponseToOpenAI(anthropicMessage({}), context, [], NOW);
    expect(completion).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'my-claude',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop', logprobs: null }],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 6,
        total_tokens: 18,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('concatenates every text block in order, with no separator', () => {
    const message = anthropicMessage({
      content: [
        { type: 'text', text: 'The capital is ' },
        { type: 'text', text: 'Paris', citations: [{ type: 'char_location', cited_text: 'Paris' }] },
        { type: 'text', text: '.' },
      ],
    });
    expect(convertAnthropicResponseToOpenAI(message, context).choices[0].message.content).toBe('The capital is Paris.');
  });

  it('turns tool_use blocks into tool_calls in order, content null without text, and skips server tools', () => {
    const message = anthropicMessage({
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: {} },
      ],
      stop_reason: 'tool_use',
    });
    const { message: result, finish_reason } = convertAnthropicResponseToOpenAI(message, context).choices[0];
    expect(finish_reason).toBe('tool_calls');
    expect(result.content).toBeNull();
    expect(result.tool_calls).toEqual([
      { id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'toolu_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
  });

  it('puts thinking into reasoning_content and keeps signed blocks in thinking_blocks', () => {
    const message = anthropicMessage({
      content: [
        { type: 'thinking', thinking: 'Two plus two…', signature: 'EqQBCgIYAhIM' },
        { type: 'redacted_thinking', data: 'EmwKAhgB' },
        { type: 'text', text: '4' },
      ],
    });
    const result = convertAnthropicResponseToOpenAI(message, context).choices[0].message;
    expect(result.content).toBe('4');
    expect(result.reasoning_content).toBe('Two plus two…');
    expect(result.thinking_blocks).toEqual([
      { type: 'thinking', thinking: 'Two plus two…', signature: 'EqQBCgIYAhIM' },
      { type: 'redacted_thinking', data: 'EmwKAhgB' },
    ]);
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['pause_turn', 'stop'],
    ['refusal', 'content_filter'],
    ['model_context_window_exceeded', 'length'],
    [null, 'stop'],
    ['something_new', 'stop'],
  ])('maps stop_reason %s to finish_reason %s', (stopReason, finishReason) => {
    const warnings: string[] = [];
    const completion = convertAnthropicResponseToOpenAI(anthropicMessage({ stop_reason: stopReason }), context, warnings);
    expect(completion.choices[0].finish_reason).toBe(finishReason);
    expect(warnings.length > 0).toBe(stopReason === null || stopReason === 'something_new');
  });

  it('counts cache reads and writes into prompt_tokens and reports them separately', () => {
    const message = anthropicMessage({
      usage: { input_tokens: 50, output_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200 },
    });
    expect(convertAnthropicResponseToOpenAI(message, context).usage).toEqual({
      prompt_tokens: 1250,
      completion_tokens: 20,
      total_tokens: 1270,
      prompt_tokens_details: { cached_tokens: 1000 },
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 200,
    });
  });

  it('unwraps the synthetic json tool into content when response_format was emulated', () => {
    const message = anthropicMessage({
      content: [{ type: 'tool_use', id: 'toolu_j', name: 'json_tool_call', input: { answer: 'yes' } }],
      stop_reason: 'tool_use',
    });
    const choice = convertAnthropicResponseToOpenAI(message, { ...context, jsonToolName: 'json_tool_call' }).choices[0];
    expect(choice).toMatchObject({ message: { content: '{"answer":"yes"}' }, finish_reason: 'stop' });
    expect(choice.message).not.toHaveProperty('tool_calls');
  });
});
