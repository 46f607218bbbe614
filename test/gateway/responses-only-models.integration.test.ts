// Chat Completions and Messages clients on a model served only on the Responses API (its profile says
// openaiApis: responses), with the official SDKs as clients and the strict stub's /v1/responses as the provider:
// Chat → Responses, and Messages → Chat → Responses.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: { usage: { input: 20, output: 6, cacheRead: 8, cacheWrite: 0 } }, serve: true, freshGateway: true });
let openai: OpenAI;
let anthropic: Anthropic;
const model = uniqueName('responses-only');

const weather = { name: 'get_weather', description: 'Weather of a city', schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };

beforeAll(async () => {
  const provider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1`, capabilityOverrides: { openaiApis: 'responses' } });
  await createModel({ name: model, providerId: provider.id, providerModelName: 'gpt-5-pro' });
  const token = await createUserToken();
  openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
});

const sent = () => bed.stub.requests[bed.stub.requests.length - 1];

describe('OpenAI SDK chat.completions → a Responses-only model', () => {
  it('a completion: the provider gets /v1/responses with input items, the client a chat.completion with usage', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Hi there.' }] });
    const completion = await openai.chat.completions.create({
      model,
      max_completion_tokens: 64,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
    });
    expect(completion.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hi there.' }, finish_reason: 'stop' });
    expect(completion.model).toBe(model);
    expect(completion.usage).toMatchObject({ prompt_tokens: 28, completion_tokens: 6, prompt_tokens_details: { cached_tokens: 8 } });
    expect(sent().path).toBe('/v1/responses');
    expect(sent().body).toMatchObject({
      model: 'gpt-5-pro',
      store: false,
      max_output_tokens: 64,
      input: [
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
        { type: 'message', role: 'user', content: 'Hello' },
      ],
    });
  });

  it('a streamed tool loop: the call streams as tool_calls, its result goes up as function_call_output', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const tools = [{ type: 'function' as const, function: { name: weather.name, description: weather.description, parameters: weather.schema } }];
    const stream = await openai.chat.completions.create({ model, stream: true, stream_options: { include_usage: true }, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    let args = '';
    let callId = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.id) callId = call.id;
      args += call?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');
    expect(usage).toMatchObject({ prompt_tokens: 28, completion_tokens: 6 });

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Sunny.' }] });
    const answer = await openai.chat.completions.create({
      model,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: args } }] },
        { role: 'tool', tool_call_id: callId, content: 'sunny' },
      ],
    });
    expect(answer.choices[0].message.content).toBe('Sunny.');
    expect(sent().body).toMatchObject({
      input: [
        { role: 'user' },
        { type: 'function_call', call_id: callId, name: 'get_weather', arguments: args },
        { type: 'function_call_output', call_id: callId, output: 'sunny' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: weather.schema }],
    });
  });

  it("the model's reasoning summary streams as reasoning_content, and comes with the answer too", async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'thinking', thinking: ['Weighing ', 'options.'] }, { type: 'text', text: 'Done.' }] });
    const stream = await openai.chat.completions.create({ model, stream: true, reasoning_effort: 'high', messages: [{ role: 'user', content: 'Think' }] });
    let reasoning = '';
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
    }
    expect({ reasoning, text }).toEqual({ reasoning: 'Weighing options.', text: 'Done.' });
    expect(sent().body).toMatchObject({ reasoning: { effort: 'high' } });

    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'thinking', thinking: 'Weighing options.' }, { type: 'text', text: 'Done.' }] });
    const completion = await openai.chat.completions.create({ model, reasoning_effort: 'high', messages: [{ role: 'user', content: 'Think' }] });
    expect(completion.choices[0].message).toMatchObject({ content: 'Done.', reasoning_content: 'Weighing options.' });
  });

  it('an error event mid-stream ends the client stream with an error, not a finish', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['a', 'b', 'c'] }], streamError: { afterDeltas: 1, type: 'server_error', message: 'boom' } });
    const stream = await openai.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'go' }] });
    let text = '';
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toThrow();
    expect(text).toBe('a');
  });
});

describe('Anthropic SDK messages → a Responses-only model', () => {
  it('messages.create: text and usage through Messages → Chat → Responses', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Bonjour.' }] });
    const message = await anthropic.messages.create({ model, max_tokens: 64, system: 'French only.', messages: [{ role: 'user', content: 'Hello' }] });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Bonjour.' })]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ output_tokens: 6, cache_read_input_tokens: 8 });
    expect(sent().path).toBe('/v1/responses');
    expect(JSON.stringify(sent().body?.input)).toContain('French only.');
  });

  it('messages.stream with a tool: tool_use streams in, and finalMessage() has it', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'Let me check. ' }, { type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const stream = anthropic.messages.stream({
      model,
      max_tokens: 256,
      tools: [{ name: weather.name, description: weather.description, input_schema: weather.schema }],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Let me check. ' }),
      expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } }),
    ]);
  });

  it('a stream cut short before response.completed ends with an error event', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['x', 'y'] }], truncate: 'before-finish' });
    const stream = anthropic.messages.stream({ model, max_tokens: 64, messages: [{ role: 'user', content: 'go' }] });
    await expect(stream.finalMessage()).rejects.toThrow(/ended before/);
  });
});
