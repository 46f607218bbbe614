import { describe, expect, it } from 'vitest';
import { formatSseEvent } from '../sse';
import { createConversionTransformer } from '../stream-converter';
import { parseFrames, runTransformer } from '../test-support';
import { ResponsesToChatStream } from './stream';

const event = (type: string, fields: object, sequence: number) => formatSseEvent({ event: type, data: JSON.stringify({ type, ...fields, sequence_number: sequence }) });

const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 15 };
const RESPONSES_STREAM = [
  event('response.created', { response: { status: 'in_progress', output: [] } }, 0),
  event('response.output_item.added', { output_index: 0, item: { type: 'message', id: 'msg_1' } }, 1),
  event('response.output_text.delta', { item_id: 'msg_1', delta: 'Héllo ' }, 2),
  event('response.output_text.delta', { item_id: 'msg_1', delta: 'wörld' }, 3),
  event('response.output_item.added', { output_index: 1, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather' } }, 4),
  event('response.function_call_arguments.delta', { item_id: 'fc_1', delta: '{"city":' }, 5),
  event('response.function_call_arguments.delta', { item_id: 'fc_1', delta: '"Paris"}' }, 6),
  event('response.completed', { response: { status: 'completed', incomplete_details: null, usage } }, 7),
].join('');

function convert(chunks: Uint8Array[], includeUsage = true) {
  const text = runTransformer(createConversionTransformer(new ResponsesToChatStream({ model: 'client-model', includeUsage })), chunks);
  return parseFrames([text]).map((frame) => (frame.data === '[DONE]' ? '[DONE]' : JSON.parse(frame.data.replace(/"chatcmpl-[0-9a-f]+"/, '"id"').replace(/"created":\d+/, '"created":0'))));
}

describe('ResponsesToChatStream', () => {
  const whole = convert([Buffer.from(RESPONSES_STREAM)]);

  it('writes Chat chunks: role, text, the tool call and its arguments, finish, usage, [DONE]', () => {
    const deltas = whole.slice(0, -3).map((chunk) => chunk.choices[0].delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Héllo ' },
      { content: 'wörld' },
      { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
    ]);
    expect(whole.at(-3).choices[0].finish_reason).toBe('tool_calls');
    expect(whole.at(-2)).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } } });
    expect(whole.at(-1)).toBe('[DONE]');
    expect(whole.slice(0, -1).every((chunk) => chunk.model === 'client-model')).toBe(true);
  });

  it('gives the same chunks however the upstream bytes are split, at every offset', () => {
    const bytes = Buffer.from(RESPONSES_STREAM);
    for (let offset = 1; offset < bytes.length; offset++) {
      expect(convert([bytes.subarray(0, offset), bytes.subarray(offset)]), `split at ${offset}`).toEqual(whole);
    }
  });

  it('leaves the usage chunk out unless the client asked; response.failed, error and a cut stream end with an error frame', () => {
    expect(convert([Buffer.from(RESPONSES_STREAM)], false).some((chunk) => chunk !== '[DONE]' && chunk.usage)).toBe(false);
    const failed = convert([Buffer.from(event('response.failed', { response: { status: 'failed', error: { message: 'overloaded' } } }, 0))]);
    expect(failed.at(-1)).toEqual({ error: { message: 'overloaded', type: 'server_error', param: null, code: null } });
    const cut = convert([Buffer.from(RESPONSES_STREAM.slice(0, RESPONSES_STREAM.indexOf('event: response.completed')))]);
    expect(cut.at(-1)).toMatchObject({ error: { message: expect.stringContaining('ended before') } });
    expect(cut).not.toContain('[DONE]');
  });
});
