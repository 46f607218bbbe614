import { describe, expect, it } from 'vitest';
import type { AnthropicClientContext } from '../context';
import { UpstreamResponseError } from '../errors';
import type { OpenAIChatCompletion, OpenAIResponseMessage } from '../openai/types';
import { convertOpenAIResponseToAnthropic } from './response';

const context: AnthropicClientContext = { model: 'my-gpt', toolNames: {} };

function completion(message: Partial<OpenAIResponseMessage>, finishReason: string | null = 'stop'): OpenAIChatCompletion {
  return {
    id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
    object: 'chat.completion',
    created: 1_741_569_952,
    model: 'gpt-4.1-2025-04-14',
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
  };
}

describe('convertOpenAIResponseToAnthropic', () => {
  it('builds an Anthropic message with the client model and msg_ id', () => {
    expect(convertOpenAIResponseToAnthropic(completion({ content: 'Hello!' }), context)).toEqual({
      id: 'msg_chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      type: 'message',
      role: 'assistant',
      model: 'my-gpt',
      content: [{ type: 'text', text: 'Hello!' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 19, output_tokens: 10, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
  });

  it('orders content thinking → text → tool_use and emits no empty text block', () => {
    const message = convertOpenAIResponseToAnthropic(
      completion(
        {
          content: 'Checking.',
          reasoning_content: 'Need the weather.',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        'tool_calls',
      ),
      context,
    );
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Need the weather.', signature: '' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(convertOpenAIResponseToAnthropic(completion({ content: '' }), context).content).toEqual([]);
  });

  it('reports tool_use whenever tools were called, even if the upstream said stop', () => {
    const calls = [{ id: 'call_1', type: 'function' as const, function: { name: 'f', arguments: '{}' } }];
    expect(convertOpenAIResponseToAnthropic(completion({ tool_calls: calls }, 'stop'), context).stop_reason).toBe('tool_use');
  });

  it('repairs truncated arguments, else uses {} and warns; maps shortened tool names back', () => {
    const warnings: string[] = [];
    const message = convertOpenAIResponseToAnthropic(
      completion({
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'short_abc12345', arguments: '{"path":"/tmp' } },
          { id: 'call_2', type: 'function', function: { name: 'g', arguments: 'not json' } },
        ],
      }),
      { ...context, toolNames: { short_abc12345: 'a_very_long_original_name' } },
      warnings,
    );
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'a_very_long_original_name', input: { path: '/tmp' } },
      { type: 'tool_use', id: 'call_2', name: 'g', input: {} },
    ]);
    expect(warnings).toHaveLength(2);
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
  ])('maps finish_reason %s to stop_reason %s', (finishReason, stopReason) => {
    expect(convertOpenAIResponseToAnthropic(completion({ content: 'x' }, finishReason), context).stop_reason).toBe(stopReason);
  });

  it('treats finish_reason "error" as an upstream error', () => {
    expect(() => convertOpenAIResponseToAnthropic(completion({ content: 'x' }, 'error'), context)).toThrow(UpstreamResponseError);
  });

  it('subtracts cached tokens from input_tokens', () => {
    const response = completion({ content: 'x' });
    response.usage = { prompt_tokens: 1200, completion_tokens: 30, total_tokens: 1230, prompt_tokens_details: { cached_tokens: 1024 } };
    expect(convertOpenAIResponseToAnthropic(response, context).usage).toEqual({
      input_tokens: 176,
      output_tokens: 30,
      cache_read_input_tokens: 1024,
      cache_creation_input_tokens: 0,
    });
  });
});
