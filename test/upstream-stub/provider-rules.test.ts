import { describe, expect, it } from 'vitest';
import { anthropicMessagesProblem, openAIChatProblem } from './provider-rules';

const chat = (extra: Record<string, unknown>) => ({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], ...extra });
const messages = (extra: Record<string, unknown>) => ({ model: 'claude-sonnet-4-5', max_tokens: 2000, messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('the stub refuses what OpenAI refuses', () => {
  it.each([
    ['an unknown parameter', chat({ top_k: 5 }), 'Unrecognized request argument supplied: top_k'],
    ['temperature on a reasoning model', chat({ temperature: 0.2 }), "Unsupported parameter: 'temperature' is not supported with this model."],
    ['max_tokens on a reasoning model', chat({ max_tokens: 10 }), "Use 'max_completion_tokens' instead."],
    ['an effort the model lacks', chat({ reasoning_effort: 'xhigh' }), "'reasoning_effort' does not support 'xhigh'"],
    ['reasoning_effort on a model that does not reason', { ...chat({ reasoning_effort: 'low' }), model: 'gpt-4o' }, "'reasoning_effort' is not supported"],
    ['a tool description over 1,024 characters', chat({ tools: [{ type: 'function', function: { name: 'f', description: 'x'.repeat(1025) } }] }), 'string too long'],
    ['a tool name with a dot', chat({ tools: [{ type: 'function', function: { name: 'functions.f' } }] }), 'does not match pattern'],
    [
      'a strict schema with an optional property',
      chat({ response_format: { type: 'json_schema', json_schema: { name: 'r', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } } } } } }),
      "'required' is required",
    ],
  ])('%s', (_, body, message) => {
    expect(openAIChatProblem(body)).toContain(message);
  });

  it('lets compatible servers\' models through the platform-only rules, and requires DeepSeek\'s reasoning replay', () => {
    expect(openAIChatProblem({ ...chat({ top_k: 5, temperature: 0.3 }), model: 'llama-3' })).toBeUndefined();
    const loop = { model: 'deepseek-reasoner', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [{ id: 't' }] }] };
    expect(openAIChatProblem(loop)).toContain('Missing `reasoning_content`');
  });
});

describe('the stub refuses what Anthropic refuses', () => {
  it.each([
    ['an unknown field', messages({ seed: 1 }), 'seed: Extra inputs are not permitted'],
    ['temperature and top_p together on a 4.5 model', messages({ temperature: 0.5, top_p: 0.9 }), 'cannot both be specified'],
    ['a budget not below max_tokens', messages({ max_tokens: 1024, thinking: { type: 'enabled', budget_tokens: 1024 } }), 'must be greater than'],
    ['temperature with thinking', messages({ temperature: 0.5, thinking: { type: 'enabled', budget_tokens: 1024 } }), 'may only be set to 1'],
    ['a forced tool with thinking', messages({ thinking: { type: 'enabled', budget_tokens: 1024 }, tool_choice: { type: 'any' } }), 'forces tool use'],
    ['adaptive thinking before 4.6', messages({ thinking: { type: 'adaptive' } }), 'adaptive is not supported'],
    ['a budget on Opus 4.7', { ...messages({ thinking: { type: 'enabled', budget_tokens: 1024 } }), model: 'claude-opus-4-7' }, 'enabled is not supported'],
    ['an empty text block', messages({ messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }), 'must be non-empty'],
    ['a tool result without its tool call', messages({ messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x' }] }] }), 'unexpected `tool_use_id`'],
  ])('%s', (_, body, message) => {
    expect(anthropicMessagesProblem(body)).toContain(message);
  });
});
