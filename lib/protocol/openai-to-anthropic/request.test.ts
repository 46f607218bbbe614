import { describe, expect, it } from 'vitest';
import { ConversionError } from '../errors';
import { sanitizeToolCallId } from '../ids';
import type { OpenAIChatRequest, OpenAIMessage } from '../openai/types';
import { convertOpenAIRequestToAnthropic } from './request';

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function convert(messages: OpenAIMessage[], extra: Partial<OpenAIChatRequest> = {}) {
  return convertOpenAIRequestToAnthropic({ model: 'claude-alias', messages, ...extra });
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('convertOpenAIRequestToAnthropic: messages', () => {
  it('hoists every system and developer message, in order, keeping cache_control and skipping empty text', () => {
    const { request, warnings } = convert([
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Cite sources.', cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: 'Hi' },
      { role: 'system', content: '' },
      { role: 'system', content: 'Answer in French.' },
    ]);
    expect(request.system).toEqual([
      { type: 'text', text: 'You are terse.' },
      { type: 'text', text: 'Cite sources.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    expect(warnings.filter((warning) => warning.includes('hoisted'))).toHaveLength(2);
  });

  it('merges consecutive same-role messages into one turn', () => {
    const { request } = convert([
      { role: 'user', content: 'one' },
      { role: 'user', content: [{ type: 'text', text: 'two' }] },
      { role: 'assistant', content: 'three' },
      { role: 'assistant', content: 'four' },
      { role: 'user', content: 'five' },
    ]);
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'three' }, { type: 'text', text: 'four' }] },
      { role: 'user', content: [{ type: 'text', text: 'five' }] },
    ]);
  });

  it('converts data-URL images to base64 sources and http URLs to url sources, dropping detail', () => {
    const { request } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'spec.pdf' } },
        ],
      },
    ]);
    expect(request.messages[0].content).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'spec.pdf' },
    ]);
  });

  it.each([
    ['input_audio', { type: 'input_audio' as const, input_audio: { data: 'AAAA', format: 'wav' } }, /input_audio/],
    ['an unsupported image type', { type: 'image_url' as const, image_url: { url: 'data:image/tiff;base64,AAAA' } }, /image\/tiff/],
  ])('rejects %s with a 400 naming the part', (_label, part, message) => {
    const attempt = () => convert([{ role: 'user', content: [part] }]);
    expect(attempt).toThrow(ConversionError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/messages\[0\]\.content\[0\]/);
  });

  it('turns assistant tool_calls into tool_use blocks after the text, with parsed and repaired arguments', () => {
    const { request, warnings } = convert([
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
          { id: 'call_3', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Ro' } },
          { id: 'call_4', type: 'function', function: { name: 'echo', arguments: '[1,2]' } },
        ],
      },
    ]);
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'get_time', input: {} },
        { type: 'tool_use', id: 'call_3', name: 'get_weather', input: { city: 'Ro' } },
        { type: 'tool_use', id: 'call_4', name: 'echo', input: { value: [1, 2] } },
      ],
    });
    expect(warnings).toEqual([
      'messages[1].tool_calls[2]: tool arguments were invalid JSON and were repaired',
      'messages[1].tool_calls[3]: tool arguments are not a JSON object',
    ]);
  });

  it('puts several tool results and the following user text into one user turn, results first', () => {
    const { request } = convert([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: 'Rain' }] },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }, { type: 'image_url', image_url: { url: 'https://x.test/map.png' } }] },
    ]);
    expect(request.messages).toHaveLength(3);
    expect(request.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_a', content: 'Sunny' },
        { type: 'tool_result', tool_use_id: 'call_b', content: [{ type: 'text', text: 'Rain' }] },
        { type: 'text', text: 'And tomorrow?' },
        { type: 'image', source: { type: 'url', url: 'https://x.test/map.png' } },
      ],
    });
  });

  it('never places a tool result after user text that came before it', () => {
    const { request } = convert([
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'user', content: 'note first' },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
    ]);
    expect(request.messages[1].content).toEqual([
      { type: 'tool_result', tool_use_id: 'c1', content: 'ok' },
      { type: 'text', text: 'note first' },
    ]);
  });

  it('sanitizes tool-call ids the same way on tool_use and tool_result, without collisions', () => {
    const { request } = convert([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'functions.Bash:0', type: 'function', function: { name: 'Bash', arguments: '{}' } },
          { id: 'functions.Bash_0', type: 'function', function: { name: 'Bash', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'functions.Bash:0', content: 'a' },
      { role: 'tool', tool_call_id: 'functions.Bash_0', content: 'b' },
    ]);
    const [assistant, user] = request.messages;
    const useIds = (assistant.content as { id?: string }[]).map((block) => block.id);
    const resultIds = (user.content as { tool_use_id?: string }[]).map((block) => block.tool_use_id);
    expect(useIds).toEqual(resultIds);
    expect(new Set(useIds).size).toBe(2);
    for (const id of useIds) expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(sanitizeToolCallId('functions.Bash:0')).toBe(useIds[0]);
  });

  it('gives legacy function calls and their results a shared synthesized id', () => {
    const { request } = convert([
      { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":"x"}' } },
      { role: 'function', name: 'lookup', content: 'found' },
    ]);
    const toolUse = (request.messages[0].content as { type: string; id?: string }[])[0];
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'lookup', input: { q: 'x' } });
    expect(request.messages[1].content).toEqual([{ type: 'tool_result', tool_use_id: toolUse.id, content: 'found' }]);
  });
});

describe('convertOpenAIRequestToAnthropic: parameters', () => {
  const hi: OpenAIMessage[] = [{ role: 'user', content: 'hi' }];

  it('defaults max_tokens and prefers max_completion_tokens', () => {
    expect(convert(hi).request.max_tokens).toBe(4096);
    expect(convert(hi, { max_tokens: 100, max_completion_tokens: 200 }).request.max_tokens).toBe(200);
    expect(convertOpenAIRequestToAnthropic({ model: 'm', messages: hi }, { defaultMaxTokens: 1000 }).request.max_tokens).toBe(1000);
  });

  it('clamps temperature to 1, passes top_p alone through, and keeps only temperature when both come', () => {
    expect(convert(hi, { top_p: 0.3 }).request).toMatchObject({ top_p: 0.3 });
    expect(convert(hi, { temperature: 0.2 }).request.temperature).toBe(0.2);
    const both = convert(hi, { temperature: 1.7, top_p: 0.3 });
    expect(both.request).toMatchObject({ temperature: 1 });
    expect(both.request).not.toHaveProperty('top_p');
    expect(both.warnings).toContain('top_p dropped: Anthropic models take temperature or top_p, not both');
  });

  it('maps stop to stop_sequences without whitespace-only entries, and omits it when empty', () => {
    expect(convert(hi, { stop: ['END', ' ', '\n', '###'] }).request.stop_sequences).toEqual(['END', '###']);
    expect(convert(hi, { stop: 'END' }).request.stop_sequences).toEqual(['END']);
    expect(convert(hi, { stop: ['  '] }).request).not.toHaveProperty('stop_sequences');
  });

  it('rejects n > 1 with a ConversionError naming n', () => {
    const attempt = () => convert(hi, { n: 2 });
    expect(attempt).toThrow(ConversionError);
    expect(attempt).toThrow(expect.objectContaining({ status: 400, param: 'n' }));
    expect(convert(hi, { n: 1 }).request).not.toHaveProperty('n');
  });

  it('converts tools, filling missing parameters and never writing required: null', () => {
    const { request } = convert(hi, {
      tools: [
        weatherTool,
        { type: 'function', function: { name: 'now' } },
        { type: 'function', function: { name: 'odd', parameters: { type: 'object', required: null, $defs: { a: {} } }, strict: true } },
      ],
    });
    expect(request.tools).toEqual([
      { name: 'get_weather', description: 'Weather for a city', input_schema: weatherTool.function.parameters },
      { name: 'now', input_schema: { type: 'object', properties: {} } },
      { name: 'odd', input_schema: { type: 'object', $defs: { a: {} } } },
    ]);
  });

  it.each([
    ['auto', undefined, { type: 'auto' }],
    ['none', undefined, { type: 'none' }],
    ['required', undefined, { type: 'any' }],
    [{ type: 'function', function: { name: 'get_weather' } }, undefined, { type: 'tool', name: 'get_weather' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    ['required', false, { type: 'any', disable_parallel_tool_use: true }],
    ['none', false, { type: 'none' }],
  ] as const)('maps tool_choice %j with parallel_tool_calls %s', (choice, parallel, expected) => {
    const { request } = convert(hi, { tools: [weatherTool], tool_choice: choice, parallel_tool_calls: parallel });
    expect(request.tool_choice).toEqual(expected);
  });

  it('drops tool_choice when there are no tools', () => {
    expect(convert(hi, { tool_choice: 'required', parallel_tool_calls: false }).request).not.toHaveProperty('tool_choice');
  });

  it('sets stream, remembers include_usage for the response side and never forwards stream_options', () => {
    const { request, context } = convert(hi, { stream: true, stream_options: { include_usage: true } });
    expect(request.stream).toBe(true);
    expect(request).not.toHaveProperty('stream_options');
    expect(context).toEqual({ model: 'claude-alias', includeUsage: true });
    expect(convert(hi, { stream: true }).context.includeUsage).toBe(false);
  });

  it('sends a hash of user as metadata.user_id, never the raw value', () => {
    const { request } = convert(hi, { user: 'alice@example.com' });
    expect(request.metadata?.user_id).toMatch(/^[0-9a-f]{32}$/);
    expect(convert(hi, { user: 'alice@example.com' }).request.metadata).toEqual(request.metadata);
  });

  it('drops OpenAI-only parameters with a warning and rejects audio output', () => {
    const { request, warnings } = convert(hi, { seed: 7, logprobs: true, presence_penalty: 0.5, metadata: { a: 'b' } });
    expect(request).not.toHaveProperty('seed');
    expect(request).not.toHaveProperty('metadata');
    expect(warnings).toEqual([
      'dropped unsupported parameter logprobs',
      'dropped unsupported parameter seed',
      'dropped unsupported parameter presence_penalty',
      'dropped unsupported parameter metadata',
    ]);
    expect(() => convert(hi, { modalities: ['text', 'audio'] })).toThrow(ConversionError);
  });

  it('uses the upstream model name when given', () => {
    const { request, context } = convertOpenAIRequestToAnthropic({ model: 'alias', messages: hi }, { upstreamModel: 'claude-sonnet-4-5' });
    expect(request.model).toBe('claude-sonnet-4-5');
    expect(context.model).toBe('alias');
  });
});
