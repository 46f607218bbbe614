// The official openai client, pointed straight at the stub, must accept every answer the stub gives.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUpstreamStub, type UpstreamStub } from './index';

let stub: UpstreamStub;
let client: OpenAI;

beforeAll(async () => {
  stub = await startUpstreamStub({ usage: { cacheRead: 4 } });
  client = new OpenAI({ baseURL: `${stub.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const user = (content: string) => [{ role: 'user' as const, content }];

const parallelToolCalls = {
  kind: 'completion' as const,
  parts: [
    { type: 'text' as const, text: 'Checking both.' },
    { type: 'tool_call' as const, name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
    { type: 'tool_call' as const, name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
  ],
};

describe('openai client against the stub', () => {
  it('gets a non-streaming completion echoing the last user message, with cached tokens inside prompt_tokens', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('Hello there') });

    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0].message).toMatchObject({ role: 'assistant', content: 'Echo: Hello there' });
    expect(completion.choices[0].finish_reason).toBe('stop');
    const usage = completion.usage!;
    expect(usage.prompt_tokens_details?.cached_tokens).toBe(4);
    expect(usage.prompt_tokens).toBeGreaterThan(4);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  it('streams a completion whose finalChatCompletion has content, finish_reason and usage', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: user('stream me please'),
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();

    expect(deltas).toEqual(['Echo: ', 'stream ', 'me ', 'please']);
    expect(final.choices[0].message.content).toBe('Echo: stream me please');
    expect(final.choices[0].finish_reason).toBe('stop');
    expect(final.usage).toMatchObject({ completion_tokens: expect.any(Number), prompt_tokens_details: { cached_tokens: 4 } });
  });

  it('sends the usage-only chunk only when stream_options.include_usage asks for it', async () => {
    const final = await client.chat.completions.stream({ model: 'gpt-4o-mini', messages: user('no usage') }).finalChatCompletion();

    expect(final.usage).toBeUndefined();
    expect(final.choices[0].message.content).toBe('Echo: no usage');
  });

  it('streams parallel tool calls that reassemble into valid JSON arguments', async () => {
    stub.enqueue(parallelToolCalls);
    const final = await client.chat.completions
      .stream({ model: 'gpt-4o-mini', messages: user('weather and time?') })
      .finalChatCompletion();

    const { message, finish_reason } = final.choices[0];
    expect(finish_reason).toBe('tool_calls');
    expect(message.content).toBe('Checking both.');
    const calls = (message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [call] : []));
    expect(calls.map((call) => call.function.name)).toEqual(['get_weather', 'get_time']);
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(JSON.parse(calls[1].function.arguments)).toEqual({ timezone: 'Europe/Paris' });
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it('returns tool calls with null content in a non-streaming completion', async () => {
    stub.enqueue({ kind: 'completion', parts: parallelToolCalls.parts.slice(1) });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('tools only') });

    expect(completion.choices[0].message.content).toBeNull();
    expect(completion.choices[0].message.tool_calls).toHaveLength(2);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
  });

  it('carries reasoning_content beside content, plain and streamed', async () => {
    const parts = [
      { type: 'thinking' as const, thinking: 'First, think.' },
      { type: 'text' as const, text: 'Answer.' },
    ];
    stub.enqueue({ kind: 'completion', parts }, { kind: 'completion', parts });
    const completion = await client.chat.completions.create({ model: 'deepseek-reasoner', messages: user('why?') });
    const message = completion.choices[0].message as typeof completion.choices[0]['message'] & { reasoning_content?: string };
    expect(message.reasoning_content).toBe('First, think.');
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);

    const stream = await client.chat.completions.create({ model: 'deepseek-reasoner', messages: user('why?'), stream: true });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      content += delta?.content ?? '';
    }
    expect(reasoning).toBe('First, think.');
    expect(content).toBe('Answer.');
  });

  it.each([
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['stop_sequence', 'stop'],
  ] as const)('maps the neutral stop %s to finish_reason %s', async (stop, finishReason) => {
    stub.enqueue({ kind: 'completion', stop });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('stop') });
    expect(completion.choices[0].finish_reason).toBe(finishReason);
  });

  it.each([
    [400, OpenAI.BadRequestError],
    [401, OpenAI.AuthenticationError],
    [403, OpenAI.PermissionDeniedError],
    [404, OpenAI.NotFoundError],
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
    [502, OpenAI.InternalServerError],
    [503, OpenAI.InternalServerError],
  ])('a scripted %i reaches the client as its typed error', async (status, ErrorClass) => {
    stub.enqueue({ kind: 'error', status, retryAfter: status === 429 ? 7 : undefined });
    const failure = client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('fail') });

    await expect(failure).rejects.toBeInstanceOf(ErrorClass);
    const error = await failure.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status, error: { message: expect.any(String), type: expect.any(String) } });
    if (status === 429) expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('7');
  });

  it('throws the error that arrives in the middle of a stream', async () => {
    stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: 'one two three' }], streamError: { afterDeltas: 2, message: 'boom' } });
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: user('x') });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));

    await expect(stream.finalChatCompletion()).rejects.toMatchObject({ error: { message: 'boom', type: 'server_error' } });
    expect(deltas).toEqual(['one ', 'two ']);
  });

  it('a stream that ends before its finish chunk leaves the completion without a finish_reason', async () => {
    stub.enqueue({ kind: 'completion', truncate: 'before-finish' });
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: user('cut') });
    await expect(stream.finalChatCompletion()).rejects.toThrow(/missing finish_reason/);
  });

  it('serves embeddings (base64 by default in the SDK), the model list and a Responses API answer', async () => {
    const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(embeddings.data.map((item) => item.embedding.length)).toEqual([16, 16]);
    expect(embeddings.data[0].embedding).not.toEqual(embeddings.data[1].embedding);

    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['gpt-4o-mini', 'claude-haiku-4-5']);

    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hi' });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Echo: Say hi');
  });
});
