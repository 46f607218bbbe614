import { describe, expect, it } from 'vitest';
import { ConversionError } from '../errors';
import { convertResponsesRequestToChat } from './request';

describe('convertResponsesRequestToChat', () => {
  it('turns instructions, messages, calls of one turn and their outputs into Chat messages', () => {
    const { request } = convertResponsesRequestToChat({
      model: 'm',
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: [{ type: 'input_text', text: 'Use tools.' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Two cities?' }, { type: 'input_image', image_url: 'https://x.test/a.png' }] },
        { type: 'function_call', call_id: 'c1', name: 'w', arguments: '{"city":"A"}' },
        { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        { type: 'custom_tool_call_output', call_id: 'c2', output: 'Done!' },
      ],
      max_output_tokens: 100,
      stream: true,
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Two cities?' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'w', arguments: '{"city":"A"}' } },
          { id: 'c2', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'c2', content: 'Done!' },
    ]);
    expect(request).toMatchObject({ max_completion_tokens: 100, stream: true, stream_options: { include_usage: true } });
  });

  it("flattens a namespace's tools, drops hosted tools with a note, and makes a free-form tool one string argument", () => {
    const { request, warnings, context } = convertResponsesRequestToChat({
      model: 'm',
      input: 'hi',
      tools: [
        { type: 'namespace', name: 'agents', tools: [{ type: 'function', name: 'spawn_agent', parameters: { type: 'object' } }] },
        { type: 'web_search' },
        { type: 'custom', name: 'apply_patch', description: 'Edit files.', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
      ],
    });
    expect(request.tools?.map((tool) => tool.function.name)).toEqual(['spawn_agent', 'apply_patch']);
    expect(request.tools?.[1].function.parameters).toEqual({ type: 'object', properties: { input: { type: 'string' } }, required: ['input'], additionalProperties: false });
    expect(request.tools?.[1].function.description).toContain('start: "x"');
    expect(warnings).toEqual(['tools[1] (web_search) dropped: a hosted tool this model does not have']);
    expect([...context.customTools]).toEqual(['apply_patch']);
  });

  it('takes the tools of additional_tools input items as tools, and sends no message for them', () => {
    const { request } = convertResponsesRequestToChat({
      model: 'm',
      input: [
        { type: 'additional_tools', tools: [{ type: 'namespace', name: 'functions', tools: [{ type: 'custom', name: 'exec' }] }] },
        { role: 'user', content: 'go' },
      ],
    });
    expect(request.tools?.map((tool) => tool.function.name)).toEqual(['exec']);
    expect(request.messages).toEqual([{ role: 'user', content: 'go' }]);
  });

  it('refuses what it cannot carry, naming the field', () => {
    expect(() => convertResponsesRequestToChat({ model: 'm', input: 'x', previous_response_id: 'resp_1' })).toThrow(ConversionError);
    expect(() => convertResponsesRequestToChat({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] })).toThrow(/image_url/);
    expect(() => convertResponsesRequestToChat({ model: 'm', input: [] })).toThrow(/no input/);
  });
});
