// The official @anthropic-ai/sdk client, pointed straight at the stub, must accept every answer the stub gives.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUpstreamStub, type UpstreamStub } from './index';
import type { ContentPart } from './types';

let stub: UpstreamStub;
let client: Anthropic;

beforeAll(async () => {
  stub = await startUpstreamStub({ usage: { cacheRead: 12, cacheWrite: 3 } });
  client = new Anthropic({ baseURL: stub.url, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const ask = (content: string) => ({
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content }],
});

const parallelTools: ContentPart[] = [
  { type: 'text', text: 'Let me check.' },
  { type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } },
  { type: 'tool_call', name: 'get_time', arguments: { timezone: 'Europe/Paris', format: '24h' } },
];

describe('anthropic client against the stub', () => {
  it('gets a message echoing the last user turn, with cache counters beside input_tokens', async () => {
    const message = await client.messages.create(ask('Hello Claude'));

    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-haiku-4-5', stop_reason: 'end_turn' });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hello Claude' }]);
    expect(message.usage).toMatchObject({ cache_read_input_tokens: 12, cache_creation_input_tokens: 3 });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams a message whose finalMessage has content, stop_reason and usage', async () => {
    const stream = client.messages.stream(ask('stream this'));
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const final = await stream.finalMessage();

    expect(texts).toEqual(['Echo: ', 'stream ', 'this']);
    expect(final.content).toEqual([{ type: 'text', text: 'Echo: stream this' }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage).toMatchObject({ cache_read_input_tokens: 12, cache_creation_input_tokens: 3 });
    expect(final.usage.output_tokens).toBeGreaterThan(1);
  });

  it('streams parallel tool_use blocks whose inputs arrive parsed', async () => {
    stub.enqueue({ kind: 'completion', parts: parallelTools });
    const final = await client.messages.stream(ask('weather and time?')).finalMessage();

    expect(final.stop_reason).toBe('tool_use');
    expect(final.content.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    const tools = final.content.flatMap((block) => (block.type === 'tool_use' ? [block] : []));
    expect(tools.map((tool) => [tool.name, tool.input])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_time', { timezone: 'Europe/Paris', format: '24h' }],
    ]);
    expect(tools[0].id).toMatch(/^toolu_/);
    expect(tools[0].id).not.toBe(tools[1].id);
  });

  it('returns the same tool_use blocks without streaming', async () => {
    stub.enqueue({ kind: 'completion', parts: parallelTools });
    const message = await client.messages.create(ask('weather and time?'));
    expect(message.content[2]).toMatchObject({ type: 'tool_use', name: 'get_time', input: { timezone: 'Europe/Paris', format: '24h' } });
  });

  it('streams thinking with its signature, then text', async () => {
    const parts: ContentPart[] = [
      { type: 'thinking', thinking: ['Weighing ', 'the options.'], signature: 'EqQBCkYIBRgCKkA=' },
      { type: 'text', text: 'Option B.' },
    ];
    stub.enqueue({ kind: 'completion', parts }, { kind: 'completion', parts });
    const thinking: string[] = [];
    // A real API refuses a budget that is not below max_tokens, and so does the stub.
    const stream = client.messages.stream({ ...ask('choose'), max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } });
    stream.on('thinking', (delta) => thinking.push(delta));
    const final = await stream.finalMessage();

    expect(thinking).toEqual(['Weighing ', 'the options.']);
    expect(final.content).toEqual([
      { type: 'thinking', thinking: 'Weighing the options.', signature: 'EqQBCkYIBRgCKkA=' },
      { type: 'text', text: 'Option B.' },
    ]);
    const message = await client.messages.create(ask('choose'));
    expect(message.content[0]).toEqual({ type: 'thinking', thinking: 'Weighing the options.', signature: 'EqQBCkYIBRgCKkA=' });
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['stop_sequence', 'stop_sequence'],
  ] as const)('maps the neutral stop %s to stop_reason %s', async (stop, stopReason) => {
    stub.enqueue({ kind: 'completion', stop, stopSequence: stop === 'stop_sequence' ? '###' : undefined });
    const message = await client.messages.stream(ask('stop')).finalMessage();
    expect(message.stop_reason).toBe(stopReason);
    if (stop === 'stop_sequence') expect(message.stop_sequence).toBe('###');
  });

  it('takes a literal stop_reason the mapping does not know', async () => {
    stub.enqueue({ kind: 'completion', stopReason: 'pause_turn' });
    const message = await client.messages.create(ask('pause'));
    expect(message.stop_reason).toBe('pause_turn');
  });

  it.each([
    [400, 'invalid_request_error', Anthropic.BadRequestError],
    [401, 'authentication_error', Anthropic.AuthenticationError],
    [403, 'permission_error', Anthropic.PermissionDeniedError],
    [404, 'not_found_error', Anthropic.NotFoundError],
    [429, 'rate_limit_error', Anthropic.RateLimitError],
    [500, 'api_error', Anthropic.InternalServerError],
    [502, 'api_error', Anthropic.InternalServerError],
    [503, 'api_error', Anthropic.InternalServerError],
    [529, 'overloaded_error', Anthropic.InternalServerError],
  ])('a scripted %i reaches the client as its typed error (%s)', async (status, type, ErrorClass) => {
    stub.enqueue({ kind: 'error', status, retryAfter: status === 429 ? 30 : undefined });
    const failure = client.messages.create(ask('fail'));

    await expect(failure).rejects.toBeInstanceOf(ErrorClass);
    const error = await failure.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status, error: { type: 'error', error: { type } }, requestID: expect.stringMatching(/^req_/) });
    if (status === 429) expect((error as InstanceType<typeof Anthropic.APIError>).headers?.get('retry-after')).toBe('30');
  });

  it('throws the overloaded_error event that arrives in the middle of a stream', async () => {
    stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'one two three' }], streamError: { afterDeltas: 1 } });
    const stream = client.messages.stream(ask('x'));
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));

    await expect(stream.finalMessage()).rejects.toMatchObject({ error: { type: 'error', error: { type: 'overloaded_error' } } });
    expect(texts).toEqual(['one ']);
  });

  it('counts tokens and lists models in the Anthropic shape', async () => {
    const count = await client.messages.countTokens({ model: 'claude-haiku-4-5', messages: ask('count me').messages });
    expect(count.input_tokens).toBeGreaterThan(0);

    const models = await client.models.list();
    expect(models.data.map((model) => [model.type, model.id])).toEqual([
      ['model', 'gpt-4o-mini'],
      ['model', 'claude-haiku-4-5'],
    ]);
  });
});
