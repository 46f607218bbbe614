import { describe, expect, it } from 'vitest';
import type { OpenAIChatRequest, OpenAIMessage } from '../openai/types';
import { convertOpenAIRequestToAnthropic, type OpenAIToAnthropicOptions } from './request';

const hi: OpenAIMessage[] = [{ role: 'user', content: 'hi' }];
const tool = { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: {} } } };

function convert(extra: Partial<OpenAIChatRequest>, options: OpenAIToAnthropicOptions = {}) {
  return convertOpenAIRequestToAnthropic({ model: 'm', messages: hi, ...extra }, options);
}

describe('reasoning_effort → thinking', () => {
  it.each([
    ['low', 1024],
    ['medium', 2048],
    ['high', 4096],
  ] as const)('gives %s a budget of %i from the default table, on top of the client\'s max_tokens', (effort, budget) => {
    const { request } = convert({ reasoning_effort: effort, max_tokens: 16_000 });
    expect(request.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
    expect(request.max_tokens).toBe(16_000 + budget);
  });

  it.each(['none', 'minimal'] as const)('sends no thinking for %s', (effort) => {
    expect(convert({ reasoning_effort: effort }).request).not.toHaveProperty('thinking');
  });

  it('raises max_tokens above the budget, keeping the client max_tokens for the answer', () => {
    expect(convert({ reasoning_effort: 'high', max_tokens: 1000 }).request).toMatchObject({
      thinking: { budget_tokens: 4096 },
      max_tokens: 5096,
    });
  });

  it('drops temperature and raises top_p to 0.95 while thinking', () => {
    const { request, warnings } = convert({ reasoning_effort: 'low', temperature: 0.5, top_p: 0.5, max_tokens: 4000 });
    expect(request).not.toHaveProperty('temperature');
    expect(request.top_p).toBe(0.95);
    expect(warnings).toContain('temperature dropped: Anthropic does not allow it with thinking');
  });

  it('drops thinking when a tool is forced', () => {
    const { request, warnings } = convert({ reasoning_effort: 'low', tools: [tool], tool_choice: 'required' });
    expect(request).not.toHaveProperty('thinking');
    expect(request.tool_choice).toEqual({ type: 'any' });
    expect(warnings.some((warning) => warning.includes('forced tool_choice'))).toBe(true);
  });

  const toolLoop = (assistant: OpenAIMessage): OpenAIMessage[] => [
    { role: 'user', content: 'look it up' },
    assistant,
    { role: 'tool', tool_call_id: 'toolu_1', content: 'result' },
  ];
  const call = { id: 'toolu_1', type: 'function' as const, function: { name: 'lookup', arguments: '{}' } };

  it('keeps thinking and sends the signed thinking blocks first when the client round-tripped them', () => {
    const messages = toolLoop({
      role: 'assistant',
      content: 'Let me check.',
      tool_calls: [call],
      thinking_blocks: [
        { type: 'thinking', thinking: 'I should look it up.', signature: 'sig-abc' },
        { type: 'thinking', thinking: 'unsigned from another upstream' },
      ],
    });
    const { request } = convertOpenAIRequestToAnthropic({ model: 'm', messages, reasoning_effort: 'low', tools: [tool] });
    expect(request.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(request.messages[1].content).toEqual([
      { type: 'thinking', thinking: 'I should look it up.', signature: 'sig-abc' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} },
    ]);
  });

  it('drops thinking when the pending tool turn lost its signed thinking block', () => {
    const messages = toolLoop({ role: 'assistant', content: null, tool_calls: [call] });
    const { request, warnings } = convertOpenAIRequestToAnthropic({ model: 'm', messages, reasoning_effort: 'high', tools: [tool] });
    expect(request).not.toHaveProperty('thinking');
    expect(warnings.some((warning) => warning.includes('signed thinking'))).toBe(true);
  });

  it('strips thinking blocks from history when thinking is off', () => {
    const messages = toolLoop({
      role: 'assistant',
      content: null,
      tool_calls: [call],
      thinking_blocks: [{ type: 'redacted_thinking', data: 'opaque' }],
    });
    const { request } = convertOpenAIRequestToAnthropic({ model: 'm', messages, tools: [tool] });
    expect(request.messages[1].content).toEqual([{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} }]);
  });
});

describe('response_format', () => {
  const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

  it('ignores text', () => {
    const { request, context } = convert({ response_format: { type: 'text' } });
    expect(request).not.toHaveProperty('tools');
    expect(context).not.toHaveProperty('jsonToolName');
  });

  it('emulates json_schema with a forced synthetic tool, and tells the response side', () => {
    const { request, context } = convert({ response_format: { type: 'json_schema', json_schema: { name: 'a', schema } } });
    expect(request.tools).toEqual([expect.objectContaining({ name: 'json_tool_call', input_schema: schema })]);
    expect(request.tool_choice).toEqual({ type: 'tool', name: 'json_tool_call' });
    expect(context.jsonToolName).toBe('json_tool_call');
  });

  it('emulates json_object with an open object schema, without forcing it while thinking', () => {
    const { request } = convert({ response_format: { type: 'json_object' }, reasoning_effort: 'low', max_tokens: 4000 });
    expect(request.tools).toEqual([expect.objectContaining({ input_schema: { type: 'object', additionalProperties: true } })]);
    expect(request).not.toHaveProperty('tool_choice');
    expect(request.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
  });
});
