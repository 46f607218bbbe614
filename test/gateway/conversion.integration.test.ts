// Cross-protocol requests and the other endpoints, through a real HTTP server around the gateway core, with
// the official SDKs as clients and the loopback stub as the provider.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { flushTestUsage } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: { usage: { input: 40, output: 10, cacheRead: 5, cacheWrite: 0 } }, serve: true, freshGateway: true });
let token: TokenFixture;
let openai: OpenAI;
let anthropic: Anthropic;
const claude = uniqueName('claude-conv');
const gpt = uniqueName('gpt-conv');

beforeAll(async () => {
  const anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  // It serves the Responses API too (api.openai.com would say so by its host), so /v1/responses passes through.
  const openaiProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1`, capabilityOverrides: { openaiApis: 'both' } });
  await createModel({ name: claude, providerId: anthropicProvider.id, inputPrice: '3', outputPrice: '15', cacheReadPrice: '0.3' });
  await createModel({ name: gpt, providerId: openaiProvider.id, inputPrice: '1', outputPrice: '2' });
  token = await createUserToken();
  openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
});

const weatherTools = [
  { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
];

describe('OpenAI client → Anthropic-type route', () => {
  it('converts a non-streaming request and answer, with the alias as model and cached usage', async () => {
    const completion = await openai.chat.completions.create({
      model: claude,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello Claude' },
      ],
    });
    expect(completion.model).toBe(claude);
    expect(completion.choices[0].message.content).toBe('Echo: Hello Claude');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 45, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 5 } });
    const sent = bed.stub.requests[0];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.body).toMatchObject({ model: `${claude}-upstream`, max_tokens: 4096, system: [{ type: 'text', text: 'Be brief.' }] });
  });

  it('streams text that finalChatCompletion() returns complete, with the usage chunk the client asked for', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['Bonjour', ', le ', 'monde.'] }] });
    const stream = openai.chat.completions.stream({
      model: claude,
      messages: [{ role: 'user', content: 'greet me' }],
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    expect(deltas).toEqual(['Bonjour', ', le ', 'monde.']);
    expect(final.model).toBe(claude);
    expect(final.choices).toHaveLength(1);
    expect(final.choices[0].message).toMatchObject({ role: 'assistant', content: 'Bonjour, le monde.' });
    expect(final.choices[0].finish_reason).toBe('stop');
    expect(final.usage).toMatchObject({ prompt_tokens: 45, completion_tokens: 10, total_tokens: 55 });
  });

  it('streams tool calls that the SDK reassembles, and records usage from the converted stream', async () => {
    bed.stub.enqueue({
      kind: 'completion',
      parts: [
        { type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } },
        { type: 'tool_call', name: 'get_weather', arguments: { city: 'Rome' } },
      ],
    });
    const stream = openai.chat.completions.stream({ model: claude, messages: [{ role: 'user', content: 'weather?' }], tools: weatherTools });
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0].message.tool_calls ?? [];
    expect(calls.map((call) => (call.type === 'function' ? JSON.parse(call.function.arguments) : null))).toEqual([{ city: 'Paris' }, { city: 'Rome' }]);
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    await flushTestUsage();
    const row = await db.usage.findFirstOrThrow({ where: { modelName: claude, stream: true }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ clientProtocol: 'openai', upstreamProtocol: 'anthropic', inputTokens: 40, outputTokens: 10, cacheReadTokens: 5 });
  });

  it('rejects n > 1 toward Anthropic with a 400 and does not call the upstream', async () => {
    await expect(openai.chat.completions.create({ model: claude, n: 2, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 400 });
    expect(bed.stub.requests).toHaveLength(0);
  });
});

describe('Anthropic client → OpenAI-type route', () => {
  it('converts a non-streaming request and answer', async () => {
    const message = await anthropic.messages.create({ model: gpt, max_tokens: 50, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello GPT' }] });
    expect(message.model).toBe(gpt);
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hello GPT' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 40, output_tokens: 10, cache_read_input_tokens: 5 });
    expect(bed.stub.requests[0].path).toBe('/v1/chat/completions');
    expect(bed.stub.requests[0].body).toMatchObject({ model: `${gpt}-upstream`, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user' }] });
  });

  it('streams text that finalMessage() returns complete', async () => {
    const final = await anthropic.messages.stream({ model: gpt, max_tokens: 50, messages: [{ role: 'user', content: 'stream this please' }] }).finalMessage();
    expect(final.content).toHaveLength(1);
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Echo: stream this please' });
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(10);
    expect(bed.stub.requests[0].body?.stream_options).toEqual({ include_usage: true });
  });

  it('streams parallel tool calls as separate tool_use blocks', async () => {
    bed.stub.enqueue({
      kind: 'completion',
      parts: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_call', name: 'get_weather', arguments: { city: 'Oslo' } },
        { type: 'tool_call', name: 'get_time', arguments: { tz: 'Europe/Oslo' } },
      ],
    });
    const final = await anthropic.messages
      .stream({
        model: gpt,
        max_tokens: 50,
        messages: [{ role: 'user', content: 'weather and time' }],
        tools: [
          { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
          { name: 'get_time', input_schema: { type: 'object', properties: { tz: { type: 'string' } } } },
        ],
      })
      .finalMessage();
    expect(final.content.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    expect(final.content.slice(1).map((block) => (block.type === 'tool_use' ? block.input : null))).toEqual([{ city: 'Oslo' }, { tz: 'Europe/Oslo' }]);
    expect(final.stop_reason).toBe('tool_use');
  });
});

describe('other endpoints', () => {
  it('/v1/models lists only the models the token may use, in OpenAI and Anthropic shapes', async () => {
    const limited = await createUserToken({ allowedModels: [gpt] });
    const openaiList = await new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: limited.plaintext }).models.list();
    expect(openaiList.data.map((model) => model.id)).toEqual([gpt]);
    expect(openaiList.data[0]).toMatchObject({ object: 'model', owned_by: expect.any(String), created: expect.any(Number) });

    const response = await fetch(`${bed.gatewayUrl}/v1/models?limit=1000`, { headers: { 'x-api-key': token.plaintext, 'anthropic-version': '2023-06-01' } });
    const body = await response.json();
    expect(body.data.map((model: { id: string }) => model.id)).toEqual(expect.arrayContaining([claude, gpt]));
    expect(body.data[0]).toMatchObject({ type: 'model', display_name: expect.any(String), created_at: expect.any(String) });
    expect(body).toHaveProperty('has_more');
  });

  it('count_tokens is forwarded to Anthropic routes and estimated for OpenAI routes', async () => {
    const forwarded = await anthropic.messages.countTokens({ model: claude, messages: [{ role: 'user', content: 'count me' }] });
    expect(forwarded.input_tokens).toBeGreaterThan(0);
    expect(bed.stub.requests[0].path).toBe('/v1/messages/count_tokens');
    const estimated = await anthropic.messages.countTokens({ model: gpt, messages: [{ role: 'user', content: 'Hello, world' }] });
    expect(estimated.input_tokens).toBe(6);
    expect(bed.stub.requests).toHaveLength(1);
  });

  it('/v1/embeddings goes to OpenAI-type routes and is a clear 400 for Anthropic-only models', async () => {
    const embeddings = await openai.embeddings.create({ model: gpt, input: ['a', 'b'], encoding_format: 'float' });
    expect(embeddings.data).toHaveLength(2);
    expect(bed.stub.requests[0].path).toBe('/v1/embeddings');
    await expect(openai.embeddings.create({ model: claude, input: 'a' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/OpenAI-type/) });
  });

  it('/v1/responses passes through to OpenAI-type routes with usage recorded', async () => {
    const response = await openai.responses.create({ model: gpt, input: 'Say hi' });
    expect(response.object).toBe('response');
    expect(bed.stub.requests[0].path).toBe('/v1/responses');
    await flushTestUsage();
    const row = await db.usage.findFirstOrThrow({ where: { modelName: gpt }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ inputTokens: 40, outputTokens: 10, cacheReadTokens: 5 });
  });

  it('/v1/responses with tools, reasoning and an image passes through to a native route unchanged, streamed too', async () => {
    const tools = [{ type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false }];
    const input = [{ role: 'user' as const, content: [{ type: 'input_text' as const, text: 'Weather here?' }, { type: 'input_image' as const, image_url: 'https://example.test/city.png', detail: 'auto' as const }] }];
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'thinking', thinking: 'Look outside.' }, { type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const created = await openai.responses.create({ model: gpt, input, tools, reasoning: { effort: 'low', summary: 'auto' } });
    expect(created.output.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    expect(bed.stub.requests[0].body).toMatchObject({ model: expect.any(String), input, tools, reasoning: { effort: 'low', summary: 'auto' } });
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const streamed = await openai.responses.stream({ model: gpt, input, tools }).finalResponse();
    expect(streamed.output.find((item) => item.type === 'function_call')).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('/v1/responses streams through byte for byte on a native route: the SDK gets its events, the row its usage', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['Hel', 'lo'] }] });
    const stream = openai.responses.stream({ model: gpt, input: 'Say hello' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect((await stream.finalResponse()).output_text).toBe('Hello');
    expect(types.at(-1)).toBe('response.completed');
    expect(bed.stub.requests[0].path).toBe('/v1/responses');
    await flushTestUsage();
    const row = await db.usage.findFirstOrThrow({ where: { modelName: gpt }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ stream: true, inputTokens: 40, outputTokens: 10, cacheReadTokens: 5 });
  });
});
