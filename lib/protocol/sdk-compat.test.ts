// The official SDKs consume the converters' output through an in-memory fetch (no network): their stream
// helpers must assemble complete, correctly typed objects.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { convertAnthropicResponseToOpenAI } from './anthropic-to-openai/response';
import { AnthropicToOpenAIStream } from './anthropic-to-openai/stream';
import type { AnthropicMessage } from './anthropic/types';
import { convertOpenAIResponseToAnthropic } from './openai-to-anthropic/response';
import { OpenAIToAnthropicStream } from './openai-to-anthropic/stream';
import type { OpenAIChatCompletion } from './openai/types';
import { createConversionTransformer, type StreamConverter } from './stream-converter';
import { runTransformer, toAnthropicEvents, toOpenAIEvents, toWireText, type RecordedEvent } from './test-support';

function streamResponse(upstreamWire: string, converter: StreamConverter): Response {
  const body = runTransformer(createConversionTransformer(converter), [new TextEncoder().encode(upstreamWire)]);
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const jsonResponse = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

const openAIClient = (respond: () => Response) =>
  new OpenAI({ apiKey: 'test', baseURL: 'http://gateway.test/v1', maxRetries: 0, fetch: async () => respond() });
const anthropicClient = (respond: () => Response) =>
  new Anthropic({ apiKey: 'test', baseURL: 'http://gateway.test', maxRetries: 0, fetch: async () => respond() });

const anthropicToolStream: RecordedEvent[] = [
  { type: 'message_start', message: { id: 'msg_sdk', type: 'message', role: 'assistant', content: [], model: 'claude', stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 1, cache_read_input_tokens: 10 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking.' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: {} } },
  { type: 'content_block_stop', index: 2 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 42 } },
  { type: 'message_stop' },
];

const chunkBase = { id: 'chatcmpl-sdk', object: 'chat.completion.chunk', created: 1, model: 'gpt' };
const openAIToolStream = [
  { ...chunkBase, choices: [{ index: 0, delta: { role: 'assistant', content: 'Checking.' }, finish_reason: null }] },
  { ...chunkBase, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
  { ...chunkBase, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] }, finish_reason: null }] },
  { ...chunkBase, choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }, finish_reason: null }] },
  { ...chunkBase, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  { ...chunkBase, choices: [], usage: { prompt_tokens: 40, completion_tokens: 42, total_tokens: 82, prompt_tokens_details: { cached_tokens: 10 } } },
  '[DONE]' as const,
];

describe('openai SDK reading Anthropic upstream output', () => {
  it('assembles a streamed answer with parallel tool calls and usage via finalChatCompletion()', async () => {
    const client = openAIClient(() =>
      streamResponse(toWireText(toAnthropicEvents(anthropicToolStream)), new AnthropicToOpenAIStream({ model: 'alias', includeUsage: true })),
    );
    const stream = client.chat.completions.stream({ model: 'alias', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });
    const completion = await stream.finalChatCompletion();
    const [choice] = completion.choices;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Checking.');
    expect(choice.message.tool_calls?.map((call) => call.type === 'function' && [call.id, call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['toolu_a', 'get_weather', { city: 'Paris' }],
      ['toolu_b', 'get_time', {}],
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 42, total_tokens: 82 });
  });

  it('raises an APIError when the upstream stream fails midway', async () => {
    const events: RecordedEvent[] = [...anthropicToolStream.slice(0, 3), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }];
    const client = openAIClient(() => streamResponse(toWireText(toAnthropicEvents(events)), new AnthropicToOpenAIStream({ model: 'alias', includeUsage: false })));
    const stream = client.chat.completions.stream({ model: 'alias', messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalChatCompletion()).rejects.toThrow(/Overloaded/);
  });

  it('reads a converted non-streaming response', async () => {
    const message: AnthropicMessage = {
      id: 'msg_x', type: 'message', role: 'assistant', model: 'claude', stop_reason: 'end_turn', stop_sequence: null,
      content: [{ type: 'text', text: 'Bonjour' }], usage: { input_tokens: 3, output_tokens: 2 },
    };
    const client = openAIClient(() => jsonResponse(convertAnthropicResponseToOpenAI(message, { model: 'alias', includeUsage: false })));
    const completion = await client.chat.completions.create({ model: 'alias', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Bonjour');
  });
});

describe('Anthropic SDK reading OpenAI upstream output', () => {
  it('assembles a streamed answer with parallel tool calls and usage via finalMessage()', async () => {
    const client = anthropicClient(() =>
      streamResponse(toWireText(toOpenAIEvents(openAIToolStream)), new OpenAIToAnthropicStream({ model: 'alias', toolNames: {} })),
    );
    const stream = client.messages.stream({ model: 'alias', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Checking.' }),
      expect.objectContaining({ type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } }),
      expect.objectContaining({ type: 'tool_use', id: 'call_b', name: 'get_time', input: {} }),
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 30, output_tokens: 42, cache_read_input_tokens: 10 });
  });

  it('raises an error when the upstream stream ends without a finish reason', async () => {
    const client = anthropicClient(() =>
      streamResponse(toWireText(toOpenAIEvents(openAIToolStream.slice(0, 2))), new OpenAIToAnthropicStream({ model: 'alias', toolNames: {} })),
    );
    const stream = client.messages.stream({ model: 'alias', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalMessage()).rejects.toThrow(/finish reason/);
  });

  it('reads a converted non-streaming response', async () => {
    const completion: OpenAIChatCompletion = {
      id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'gpt',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hola' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    };
    const client = anthropicClient(() => jsonResponse(convertOpenAIResponseToAnthropic(completion, { model: 'alias', toolNames: {} })));
    const message = await client.messages.create({ model: 'alias', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content).toEqual([{ type: 'text', text: 'Hola' }]);
    expect(message.stop_reason).toBe('end_turn');
  });
});
