import { describe, expect, it } from 'vitest';
import type { AnthropicMessageParam, AnthropicMessagesRequest } from '../anthropic/types';
import { convertAnthropicRequestToOpenAI, type AnthropicToOpenAIOptions } from './request';

const hi: AnthropicMessageParam[] = [{ role: 'user', content: 'hi' }];

function convert(extra: Partial<AnthropicMessagesRequest>, options: AnthropicToOpenAIOptions = {}) {
  return convertAnthropicRequestToOpenAI({ model: 'gpt-alias', max_tokens: 1024, messages: hi, ...extra }, options);
}

describe('convertAnthropicRequestToOpenAI: messages', () => {
  it('puts the system blocks, joined by newlines and without cache_control, into one leading system message', () => {
    const { request } = convert({
      system: [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.\nBe brief.' },
      { role: 'user', content: 'hi' },
    ]);
    expect(convert({ system: 'Plain.' }).request.messages[0]).toEqual({ role: 'system', content: 'Plain.' });
  });

  it('converts base64 and URL images, PDFs and text documents', () => {
    const { request } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'spec.pdf' },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
          { type: 'file', file: { filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
          { type: 'text', text: 'notes' },
        ],
      },
    ]);
  });

  it('turns assistant text and tool_use into content without separator and tool_calls, dropping thinking', () => {
    const { request } = convert({
      messages: [
        hi[0],
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'text', text: 'The answer is ' },
            { type: 'text', text: 'here.' },
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
          ],
        },
      ],
    });
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: 'The answer is here.',
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
      ],
    });
    expect(JSON.stringify(request)).not.toContain('sig');
  });

  it('sets assistant content null when there is only a tool call, and does not echo reasoning', () => {
    const messages: AnthropicMessageParam[] = [
      hi[0],
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'plan', signature: 's' }, { type: 'tool_use', id: 't', name: 'f', input: {} }] },
    ];
    expect(convert({ messages }).request.messages[1]).toMatchObject({ content: null });
    expect(convert({ messages }).request.messages[1]).not.toHaveProperty('reasoning_content');
  });

  it('emits tool results first, one tool message per id, with is_error marked and missing content as ""', () => {
    const { request } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here are the results.' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'line 1' }, { type: 'text', text: 'line 2' }] },
            { type: 'tool_result', tool_use_id: 'toolu_3', content: 'ENOENT', is_error: true },
            { type: 'tool_result', tool_use_id: 'toolu_4' },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'tool', tool_call_id: 'toolu_1', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'line 1\nline 2' },
      { role: 'tool', tool_call_id: 'toolu_3', content: '[tool error] ENOENT' },
      { role: 'tool', tool_call_id: 'toolu_4', content: '' },
      { role: 'user', content: 'Here are the results.' },
    ]);
  });

  it('moves images out of tool results into one user message after the last tool message', () => {
    const { request } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_shot', content: [{ type: 'text', text: 'Screenshot:' }, { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } }] },
            { type: 'tool_result', tool_use_id: 'toolu_other', content: 'done' },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'tool', tool_call_id: 'toolu_shot', content: 'Screenshot:\n[attachment sent in the next user message]' },
      { role: 'tool', tool_call_id: 'toolu_other', content: 'done' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } }] },
    ]);
  });

});

describe('convertAnthropicRequestToOpenAI: parameters', () => {
  const schema = { type: 'object', properties: { q: { type: 'string' } } };

  it('sends max_tokens as max_completion_tokens', () => {
    expect(convert({}).request).toMatchObject({ max_completion_tokens: 1024 });
  });

  it('passes temperature and top_p, and always drops top_k', () => {
    const { request, warnings } = convert({ temperature: 0.3, top_p: 0.9, top_k: 40 });
    expect(request).toMatchObject({ temperature: 0.3, top_p: 0.9 });
    expect(request).not.toHaveProperty('top_k');
    expect(warnings).toContain('dropped top_k: OpenAI has no equivalent');
  });

  it('converts tools with only input_schema as parameters, and shortens long names with a reverse map', () => {
    const longName = `mcp__server__${'x'.repeat(70)}`;
    const { request, context } = convert({
      tools: [
        { name: 'search', description: 'Search', input_schema: schema, cache_control: { type: 'ephemeral' } },
        { name: longName, input_schema: schema },
      ],
    });
    expect(request.tools?.[0]).toEqual({ type: 'function', function: { name: 'search', description: 'Search', parameters: schema } });
    const shortName = request.tools?.[1].function.name ?? '';
    expect(shortName).toHaveLength(64);
    expect(context.toolNames).toEqual({ [shortName]: longName });
  });

  it('drops hosted tools with a note', () => {
    const tools = [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }, { name: 'f', input_schema: schema }];
    const { request, warnings } = convert({ tools });
    expect(request.tools?.map((tool) => tool.function.name)).toEqual(['f']);
    expect(warnings).toContain('dropped unsupported hosted tool web_search_20250305');
  });

  it.each([
    [{ type: 'auto' }, { tool_choice: 'auto' }],
    [{ type: 'any' }, { tool_choice: 'required' }],
    [{ type: 'none' }, { tool_choice: 'none' }],
    [{ type: 'tool', name: 'f' }, { tool_choice: { type: 'function', function: { name: 'f' } } }],
    [{ type: 'any', disable_parallel_tool_use: true }, { tool_choice: 'required', parallel_tool_calls: false }],
  ] as const)('maps tool_choice %j', (choice, expected) => {
    const { request } = convert({ tools: [{ name: 'f', input_schema: schema }], tool_choice: choice });
    expect(request).toMatchObject(expected);
    if (!('parallel_tool_calls' in expected)) expect(request).not.toHaveProperty('parallel_tool_calls');
  });

  it('keeps up to 4 stop sequences and truncates more', () => {
    expect(convert({ stop_sequences: ['a', 'b'] }).request.stop).toEqual(['a', 'b']);
    const { request, warnings } = convert({ stop_sequences: ['1', '2', '3', '4', '5'] });
    expect(request.stop).toEqual(['1', '2', '3', '4']);
    expect(warnings).toHaveLength(1);
  });

  it('always asks for stream usage when streaming, and maps metadata.user_id to user', () => {
    const { request } = convert({ stream: true, metadata: { user_id: 'user-123' } });
    expect(request).toMatchObject({ stream: true, stream_options: { include_usage: true }, user: 'user-123' });
  });

  it('drops thinking with a note toward a model without reasoning effort', () => {
    expect(convert({ thinking: { type: 'disabled' } }).warnings).not.toContain('thinking dropped: the model takes no reasoning effort');
    const { request, warnings } = convert({ thinking: { type: 'enabled', budget_tokens: 5000 } });
    expect(request).not.toHaveProperty('reasoning_effort');
    expect(warnings).toContain('thinking dropped: the model takes no reasoning effort');
  });

  it('maps output_config.format to a json_schema response_format, not strict toward a model nobody described', () => {
    const { request } = convert({ output_config: { format: { type: 'json_schema', schema } } });
    expect(request.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema, strict: false } });
  });

  it('drops Anthropic-only fields with a warning', () => {
    const { request, warnings } = convert({ container: 'c1', service_tier: 'auto' });
    expect(request).not.toHaveProperty('container');
    expect(warnings).toEqual(['dropped unsupported container', 'dropped unsupported service_tier']);
  });
});
