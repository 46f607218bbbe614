import { describe, expect, it } from 'vitest';
import { createConversionTransformer } from '../stream-converter';
import { parseFrames, runTransformer, toOpenAIEvents, toWireText } from '../test-support';
import { convertResponsesRequestToChat } from './request';
import { ChatToResponsesStream } from './stream';

const context = convertResponsesRequestToChat({
  model: 'client-model',
  input: 'hi',
  tools: [{ type: 'custom', name: 'apply_patch' }, { type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
}).context;

const chunk = (delta: object, finish: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });

const CHAT_STREAM = toWireText(
  toOpenAIEvents([
    chunk({ role: 'assistant', content: 'Héllo ' }),
    chunk({ content: 'wörld' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"*** Begin Patch\\n*** End Patch"}' } }] }),
    chunk({}, 'tool_calls'),
    { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 } } },
    '[DONE]',
  ]),
);

/** The events with their generated ids blanked, so two runs compare equal. */
function convert(chunks: Uint8Array[]) {
  const text = runTransformer(createConversionTransformer(new ChatToResponsesStream(context)), chunks);
  return parseFrames([text]).map((event) => ({ event: event.event, data: JSON.parse(event.data.replace(/"(resp|msg|fc|ctc)_[0-9a-f]+"/g, '"id"').replace(/"created_at":\d+/g, '"created_at":0')) }));
}

describe('ChatToResponsesStream', () => {
  const whole = convert([Buffer.from(CHAT_STREAM)]);

  it('writes the Responses grammar: items in order, deltas, .done events, completed with usage, sequence numbers 0…n', () => {
    expect(whole.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.output_item.added',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(whole.map((event) => event.data.sequence_number)).toEqual(whole.map((_, index) => index));
    const completed = whole.at(-1)!.data.response;
    expect(completed.output).toEqual([
      { type: 'message', id: 'id', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Héllo wörld', annotations: [] }] },
      { type: 'function_call', id: 'id', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
      { type: 'custom_tool_call', id: 'id', call_id: 'call_2', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch', status: 'completed' },
    ]);
    expect(completed.usage).toEqual({ input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 });
    expect(completed.model).toBe('client-model');
  });

  it('gives the same events however the upstream bytes are split, at every offset', () => {
    const bytes = Buffer.from(CHAT_STREAM);
    for (let offset = 1; offset < bytes.length; offset++) {
      expect(convert([bytes.subarray(0, offset), bytes.subarray(offset)]), `split at ${offset}`).toEqual(whole);
    }
  });

  it('an upstream error mid-stream, or a stream that stops short, ends with response.failed', () => {
    const errored = toWireText(toOpenAIEvents([chunk({ content: 'part' }), { error: { message: 'overloaded', type: 'server_error' } }]));
    const events = convert([Buffer.from(errored)]);
    expect(events.at(-1)).toMatchObject({ event: 'response.failed', data: { response: { status: 'failed', error: { message: 'overloaded' } } } });
    const cut = convert([Buffer.from(toWireText(toOpenAIEvents([chunk({ content: 'part' })])))]);
    expect(cut.map((event) => event.event)).not.toContain('response.completed');
    expect(cut.at(-1)).toMatchObject({ event: 'response.failed', data: { response: { error: { message: expect.stringContaining('ended before') } } } });
  });
});
