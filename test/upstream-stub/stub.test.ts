// The stub's own contract: what it records, how scripted replies are chosen, aborts, keys and remote control.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUpstreamStub, type UpstreamStub } from './index';
import { anthropicBody, anthropicHeaders, openAiBody, postRaw } from './raw-client';

let stub: UpstreamStub;
let client: OpenAI;

beforeAll(async () => {
  stub = await startUpstreamStub({ control: true });
  client = new OpenAI({ baseURL: `${stub.url}/v1`, apiKey: 'provider-key', maxRetries: 0 });
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

describe('recording', () => {
  it('records method, path, query, headers and the parsed body of each request', async () => {
    await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'recorded?' }], temperature: 0.2 },
      { headers: { 'x-request-id': 'trace-1' } },
    );
    const recorded = await stub.nextRequest();

    expect(recorded).toMatchObject({ seq: expect.any(Number), method: 'POST', path: '/v1/chat/completions', status: 200 });
    expect(recorded.headers).toMatchObject({ authorization: 'Bearer provider-key', 'x-request-id': 'trace-1' });
    expect(recorded.body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'recorded?' }], temperature: 0.2 });
    expect(JSON.parse(recorded.rawBody)).toEqual(recorded.body);
    expect(await recorded.settled).toBe('finished');
    expect(stub.requests).toEqual([recorded]);
  });

  it('hands out requests in arrival order, waiting for those still to come', async () => {
    await postRaw(`${stub.url}/v1/chat/completions`, openAiBody({ model: 'first' }));
    await postRaw(`${stub.url}/v1/chat/completions`, openAiBody({ model: 'second' }));
    expect((await stub.nextRequest()).body?.model).toBe('first');
    expect((await stub.nextRequest()).body?.model).toBe('second');

    const third = stub.nextRequest();
    await postRaw(`${stub.url}/v1/messages`, anthropicBody({ model: 'third' }), anthropicHeaders);
    expect((await third).body?.model).toBe('third');
    await expect(stub.nextRequest(50)).rejects.toThrow(/within 50 ms/);
  });

  it('waits for a request matching a predicate, received before or after the call', async () => {
    await postRaw(`${stub.url}/v1/embeddings`, { model: 'e', input: 'x' });
    const later = stub.waitForRequest((request) => request.path === '/v1/messages/count_tokens');
    expect((await stub.waitForRequest((request) => request.path === '/v1/embeddings')).body?.input).toBe('x');

    await postRaw(`${stub.url}/v1/messages/count_tokens`, anthropicBody(), anthropicHeaders);
    expect((await later).status).toBe(200);
  });

  it('records a client that aborts a stream midway as aborted, and stops writing to it', async () => {
    stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: Array(30).fill('tick').join(' ') }], delivery: { chunkDelayMs: 20 } });
    const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'long' }] });
    stream.on('content', () => stream.abort());
    await expect(stream.finalChatCompletion()).rejects.toThrow();

    const aborted = await stub.waitForAbort();
    expect(aborted).toMatchObject({ path: '/v1/chat/completions', outcome: 'aborted', status: 200 });
  });

  it('records a client that gives up during the first-byte delay as aborted, with no status sent', async () => {
    stub.enqueue({ kind: 'completion', delivery: { firstByteDelayMs: 5_000 } });
    const started = Date.now();
    const failure = fetch(`${stub.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(openAiBody()),
      signal: AbortSignal.timeout(100),
    });
    await expect(failure).rejects.toThrow();

    const aborted = await stub.waitForAbort();
    expect(aborted.outcome).toBe('aborted');
    expect(aborted.status).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('choosing replies', () => {
  it('uses queued replies in order, a path-bound one only for its path, then the handler, then the default', async () => {
    stub.enqueue({ kind: 'error', status: 503, path: '/v1/messages' }, { kind: 'completion', parts: [{ type: 'text', text: 'queued' }] });
    stub.handle((request) => (request.path === '/v1/embeddings' ? { kind: 'error', status: 429, retryAfter: 2 } : undefined));

    const chat = await postRaw(`${stub.url}/v1/chat/completions`, openAiBody());
    expect(JSON.parse(chat.text).choices[0].message.content).toBe('queued');
    expect(stub.pendingReplies()).toBe(1);

    const messages = await postRaw(`${stub.url}/v1/messages`, anthropicBody(), anthropicHeaders);
    expect(messages.status).toBe(503);
    expect(JSON.parse(messages.text)).toMatchObject({ type: 'error', error: { type: 'api_error' }, request_id: messages.headers['request-id'] });

    const embeddings = await postRaw(`${stub.url}/v1/embeddings`, { model: 'e', input: 'x' });
    expect(embeddings.status).toBe(429);
    expect(embeddings.headers['retry-after']).toBe('2');
    expect(JSON.parse(embeddings.text).error).toMatchObject({ code: 'rate_limit_exceeded', param: null });

    const fallback = await postRaw(`${stub.url}/v1/chat/completions`, openAiBody());
    expect(JSON.parse(fallback.text).choices[0].message.content).toBe('Echo: Hi there');
  });

  it('refuses what a real provider refuses before any script: unknown paths and invalid bodies', async () => {
    stub.enqueue({ kind: 'completion' });
    const unknown = await postRaw(`${stub.url}/v1/completions`, openAiBody());
    expect(unknown.status).toBe(404);

    const noMaxTokens = await postRaw(`${stub.url}/v1/messages`, anthropicBody({ max_tokens: undefined }), anthropicHeaders);
    expect(noMaxTokens.status).toBe(400);
    expect(JSON.parse(noMaxTokens.text).error).toEqual({ type: 'invalid_request_error', message: 'max_tokens: Field required' });

    const noVersion = await postRaw(`${stub.url}/v1/messages`, anthropicBody(), { 'x-api-key': 'x' });
    expect(JSON.parse(noVersion.text).error.message).toMatch(/anthropic-version/);
    expect(stub.pendingReplies()).toBe(1);
  });

  it('answers a raw body verbatim, with the status and headers given', async () => {
    stub.enqueue({ kind: 'raw', status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' });
    const response = await postRaw(`${stub.url}/v1/chat/completions`, openAiBody());
    expect([response.status, response.headers['content-type'], response.text]).toEqual([502, 'text/html', '<html>Bad Gateway</html>']);
  });
});

describe('provider key', () => {
  it('answers 401 in the protocol shape when the configured key is missing or wrong', async () => {
    const keyed = await startUpstreamStub({ apiKey: 'sk-right' });
    try {
      const wrong = await postRaw(`${keyed.url}/v1/chat/completions`, openAiBody(), { authorization: 'Bearer sk-wrong' });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.text).error.code).toBe('invalid_api_key');

      const bearerOnAnthropic = await postRaw(`${keyed.url}/v1/messages`, anthropicBody(), {
        'anthropic-version': '2023-06-01',
        authorization: 'Bearer sk-right',
      });
      expect(JSON.parse(bearerOnAnthropic.text).error.type).toBe('authentication_error');

      const right = await postRaw(`${keyed.url}/v1/messages`, anthropicBody(), { ...anthropicHeaders, 'x-api-key': 'sk-right' });
      expect(right.status).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});

describe('control endpoints', () => {
  it('queue replies and list requests for a stub in another process', async () => {
    const queued = await postRaw(`${stub.url}/__stub/enqueue`, [{ kind: 'error', status: 529 }]);
    expect(JSON.parse(queued.text)).toEqual({ queued: 1 });

    const answer = await postRaw(`${stub.url}/v1/messages`, anthropicBody(), anthropicHeaders);
    expect(JSON.parse(answer.text).error.type).toBe('overloaded_error');

    const listed = await (await fetch(`${stub.url}/__stub/requests`)).json();
    expect(listed).toEqual([expect.objectContaining({ path: '/v1/messages', status: 529, outcome: 'finished' })]);

    await postRaw(`${stub.url}/__stub/reset`, {});
    expect(stub.requests).toEqual([]);
    expect((await postRaw(`${stub.url}/__stub/enqueue`, { kind: 'nonsense' })).status).toBe(400);
  });
});
