// Each capability of the answering model, and what it does to a converted request (docs/CONVERSION.md §10).
import { describe, expect, it } from 'vitest';
import type { AnthropicMessagesRequest } from './anthropic/types';
import { convertAnthropicRequestToOpenAI } from './anthropic-to-openai/request';
import { UNKNOWN_MODEL_CAPABILITIES, type ModelCapabilities } from './capabilities';
import { ConversionError } from './errors';
import type { OpenAIChatRequest, OpenAIReasoningEffort } from './openai/types';
import { convertOpenAIRequestToAnthropic } from './openai-to-anthropic/request';
import { convertOpenAIResponseToAnthropic } from './openai-to-anthropic/response';
import { OpenAIToAnthropicStream } from './openai-to-anthropic/stream';
import { readPayloads, toOpenAIEvents } from './test-support';

const openaiTarget = (overrides: Partial<ModelCapabilities>): ModelCapabilities => ({ ...UNKNOWN_MODEL_CAPABILITIES.openai, ...overrides });
const anthropicTarget = (overrides: Partial<ModelCapabilities>): ModelCapabilities => ({ ...UNKNOWN_MODEL_CAPABILITIES.anthropic, ...overrides });
const REASONING_OPENAI = openaiTarget({ reasoning: 'effort', samplingParameters: false, reasoningEfforts: ['minimal', 'low', 'medium', 'high'] });

function toOpenAI(extra: Partial<AnthropicMessagesRequest>, target: ModelCapabilities, options: { toolDescriptionOverflow?: 'move-to-system' | 'truncate' } = {}) {
  const request: AnthropicMessagesRequest = { model: 'claude', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }], ...extra };
  return convertAnthropicRequestToOpenAI(request, { upstreamModel: 'gpt-5', target, ...options });
}

function toAnthropic(extra: Partial<OpenAIChatRequest>, target: ModelCapabilities) {
  return convertOpenAIRequestToAnthropic({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }], ...extra }, { target });
}

describe('toward an OpenAI reasoning model', () => {
  it.each([
    [{ type: 'enabled', budget_tokens: 1024 }, undefined, 'low'],
    [{ type: 'enabled', budget_tokens: 4000 }, undefined, 'medium'],
    [{ type: 'enabled', budget_tokens: 10_000 }, undefined, 'high'],
    [{ type: 'enabled', budget_tokens: 31_999 }, undefined, 'high'],
    [{ type: 'adaptive' }, undefined, 'medium'],
    [{ type: 'adaptive' }, 'low', 'low'],
    [{ type: 'adaptive' }, 'max', 'high'],
  ] as const)('thinking %j (effort %s) becomes reasoning_effort %s', (thinking, effort, expected) => {
    const { request } = toOpenAI({ thinking, ...(effort && { output_config: { effort } }) }, REASONING_OPENAI);
    expect(request.reasoning_effort).toBe(expected);
  });

  it('sends xhigh to a model that takes it', () => {
    const { request } = toOpenAI({ thinking: { type: 'enabled', budget_tokens: 31_999 } }, openaiTarget({ reasoning: 'effort', reasoningEfforts: ['low', 'medium', 'high', 'xhigh'] }));
    expect(request.reasoning_effort).toBe('xhigh');
  });

  it('drops temperature and top_p, which reasoning models refuse, with a note', () => {
    const { request, warnings } = toOpenAI({ temperature: 0.2, top_p: 0.9, thinking: { type: 'enabled', budget_tokens: 2048 } }, REASONING_OPENAI);
    expect(request).not.toHaveProperty('temperature');
    expect(request).not.toHaveProperty('top_p');
    expect(warnings).toContain('temperature and top_p dropped: the model does not take sampling parameters');
  });

  it('sends max_completion_tokens, max_tokens to a legacy server, and keeps within the output limit', () => {
    expect(toOpenAI({}, REASONING_OPENAI).request).toMatchObject({ max_completion_tokens: 1000 });
    expect(toOpenAI({}, openaiTarget({ legacyMaxTokens: true })).request).toMatchObject({ max_tokens: 1000 });
    expect(toOpenAI({ max_tokens: 64_000 }, openaiTarget({ maxOutputTokens: 32_000 })).request).toMatchObject({ max_completion_tokens: 32_000 });
  });
});

describe('structured output toward OpenAI', () => {
  const schema = { type: 'object', properties: { ok: { type: 'boolean' }, reason: { type: 'string' } }, required: ['ok'] };

  it('sends a strict-compliant schema to a strict target and keeps the client\'s schema to map the answer back', () => {
    const { request, context } = toOpenAI({ output_config: { format: { type: 'json_schema', schema } } }, openaiTarget({ structuredOutputs: 'strict' }));
    expect(request.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'response',
        strict: true,
        schema: { type: 'object', properties: { ok: { type: 'boolean' }, reason: { type: ['string', 'null'] } }, required: ['ok', 'reason'], additionalProperties: false },
      },
    });
    expect(context.structuredOutputSchema).toEqual(schema);
  });

  it('sends strict: false when the schema allows extra properties', () => {
    const open = { type: 'object', additionalProperties: true };
    const { request, warnings } = toOpenAI({ output_config: { format: { type: 'json_schema', schema: open } } }, openaiTarget({ structuredOutputs: 'strict' }));
    expect(request.response_format).toMatchObject({ json_schema: { strict: false, schema: open } });
    expect(warnings[0]).toMatch(/strict: false/);
  });
});

describe('tool limits', () => {
  const longDescription = `Runs a shell command. ${'Details. '.repeat(300)}`;
  const tools = [{ name: 'Bash', description: longDescription, input_schema: { type: 'object', properties: {} } }];

  it('cuts a description over the limit and continues it in the system prompt, so the model still reads all of it', () => {
    const { request, warnings } = toOpenAI({ system: 'You are Claude Code.', tools }, openaiTarget({ toolDescriptionMaxChars: 1024 }));
    const description = request.tools?.[0].function.description ?? '';
    expect(description.length).toBeLessThanOrEqual(1024);
    expect(description.endsWith(' (continued in the system prompt)')).toBe(true);
    const system = String(request.messages[0].content);
    expect(system.startsWith('You are Claude Code.\n\n## Tool `Bash`, its description continued\n\n')).toBe(true);
    expect(description.replace(' (continued in the system prompt)', '') + system.split('its description continued\n\n')[1]).toBe(longDescription);
    expect(warnings).toContain(`tool Bash: description of ${longDescription.length} characters continued in the system prompt at the limit of 1024`);
  });

  it('only cuts under the truncate policy, and leaves descriptions alone without a limit', () => {
    const cut = toOpenAI({ tools }, openaiTarget({ toolDescriptionMaxChars: 1024 }), { toolDescriptionOverflow: 'truncate' });
    expect(cut.request.tools?.[0].function.description).toBe(longDescription.slice(0, 1024));
    expect(cut.request.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(toOpenAI({ tools }, openaiTarget({})).request.tools?.[0].function.description).toBe(longDescription);
  });

  it('shortens tool names to the provider\'s limit and maps them back', () => {
    const name = 'mcp__server__a_rather_long_tool_name';
    const { request, context } = toOpenAI({ tools: [{ name, input_schema: { type: 'object' } }] }, openaiTarget({ toolNameMaxChars: 20 }));
    const shortened = request.tools?.[0].function.name ?? '';
    expect(shortened).toHaveLength(20);
    expect(context.toolNames[shortened]).toBe(name);
  });
});

describe('reasoning replay, billing line, threads, media', () => {
  const history: AnthropicMessagesRequest['messages'] = [
    { role: 'user', content: 'list files' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'I should call ls.', signature: '' }, { type: 'tool_use', id: 't1', name: 'ls', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'a.txt' }] },
  ];

  it('sends earlier turns\' thinking back as reasoning_content to models that need it, never elsewhere', () => {
    expect(toOpenAI({ messages: history }, openaiTarget({ reasoningReplay: true })).request.messages[1]).toMatchObject({ reasoning_content: 'I should call ls.' });
    expect(toOpenAI({ messages: history }, openaiTarget({})).request.messages[1]).not.toHaveProperty('reasoning_content');
  });

  it('drops Claude Code\'s per-session billing line from the system prompt', () => {
    const system = [{ type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.1.3; cc_entrypoint=cli;\nYou are Claude Code.' }];
    const { request, warnings } = toOpenAI({ system }, openaiTarget({}));
    expect(request.messages[0]).toEqual({ role: 'system', content: 'You are Claude Code.' });
    expect(warnings).toContain('dropped the per-session billing line of the system prompt');
  });

  it('refuses a message thread with the error code the SDK falls back on', () => {
    expect(() => toOpenAI({ thread: { type: 'continue', previous_message_id: 'msg_1' } }, openaiTarget({}))).toThrow(
      expect.objectContaining({ status: 400, param: 'thread', details: { error_code: 'thread_unsupported_request', unsupported: ['thread'] } }) as ConversionError,
    );
  });

  it('refuses images for a model that reads no images', () => {
    const image = { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'AAAA' } };
    expect(() => toOpenAI({ messages: [{ role: 'user', content: [image] }] }, openaiTarget({ imageInput: false }))).toThrow(/does not accept images/);
  });
});

describe('toward Anthropic models', () => {
  it.each([
    ['none', undefined],
    ['minimal', undefined],
    ['low', 1024],
    ['medium', 2048],
    ['high', 4096],
    ['xhigh', 8192],
    ['max', 16384],
  ] as const)('reasoning_effort %s gives a budget of %s to a budget model', (effort, budget) => {
    const { request } = toAnthropic({ reasoning_effort: effort as OpenAIReasoningEffort, max_tokens: 1000 }, anthropicTarget({}));
    if (budget === undefined) expect(request).not.toHaveProperty('thinking');
    else expect(request).toMatchObject({ thinking: { type: 'enabled', budget_tokens: budget }, max_tokens: 1000 + budget });
  });

  it.each([
    ['low', 'low'],
    ['high', 'high'],
    ['xhigh', 'max'],
    ['max', 'max'],
  ] as const)('reasoning_effort %s is adaptive thinking with effort %s on adaptive models', (effort, expected) => {
    const { request } = toAnthropic({ reasoning_effort: effort }, anthropicTarget({ reasoning: 'adaptive' }));
    expect(request.thinking).toEqual({ type: 'adaptive' });
    expect(request.output_config).toEqual({ effort: expected });
  });

  it('keeps thinking within the model\'s output limit, and drops it when there is no room', () => {
    const limited = toAnthropic({ reasoning_effort: 'high', max_tokens: 3000 }, anthropicTarget({ maxOutputTokens: 4096 }));
    expect(limited.request).toMatchObject({ max_tokens: 4096, thinking: { budget_tokens: 4095 } });
    const none = toAnthropic({ reasoning_effort: 'high', max_tokens: 8000 }, anthropicTarget({ maxOutputTokens: 1000 }));
    expect(none.request).not.toHaveProperty('thinking');
    expect(none.request.max_tokens).toBe(1000);
  });

  it('drops reasoning_effort for a model that does not think', () => {
    const { request, warnings } = toAnthropic({ reasoning_effort: 'high' }, anthropicTarget({ reasoning: 'none' }));
    expect(request).not.toHaveProperty('thinking');
    expect(warnings).toContain('reasoning_effort dropped: the model does not think');
  });

  it('sends a json_schema response_format natively to models with structured outputs', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const { request } = toAnthropic({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }, anthropicTarget({ structuredOutputs: 'native' }));
    expect(request.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(request).not.toHaveProperty('tools');
  });
});

describe('a strict answer mapped back to the client\'s shape', () => {
  const schema = { type: 'object', properties: { ok: { type: 'boolean' }, reason: { type: 'string' } }, required: ['ok'] };
  const context = { model: 'claude', toolNames: {}, structuredOutputSchema: schema };

  it('removes the nulls of optional properties from a whole answer', () => {
    const message = convertOpenAIResponseToAnthropic(
      { id: 'c1', object: 'chat.completion', created: 0, model: 'gpt-5', choices: [{ index: 0, message: { role: 'assistant', content: '{"ok":true,"reason":null}' }, finish_reason: 'stop', logprobs: null }] },
      context,
    );
    expect(message.content).toEqual([{ type: 'text', text: '{"ok":true}' }]);
  });

  it('holds a streamed answer until its finish and sends it mapped back as one text delta', () => {
    const stream = new OpenAIToAnthropicStream({ ...context, inputTokensEstimate: 12 });
    const chunk = (delta: object, finish: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });
    const frames = toOpenAIEvents([chunk({ role: 'assistant', content: '' }), chunk({ content: '{"ok":false,' }), chunk({ content: '"reason":null}' }), chunk({}, 'stop'), '[DONE]']).flatMap((event) => stream.push(event));
    const payloads = readPayloads(frames) as { type: string; delta?: { text?: string }; message?: { usage: unknown } }[];
    expect(payloads[0]).toMatchObject({ type: 'message_start', message: { usage: { input_tokens: 12 } } });
    expect(payloads.filter((payload) => payload.delta?.text !== undefined).map((payload) => payload.delta?.text)).toEqual(['{"ok":false}']);
  });
});
