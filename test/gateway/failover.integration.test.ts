// Failover, circuit breaking and client disconnects through the gateway core, against a loopback upstream.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { usageRowOf } from './exchange-helpers';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName, type TokenFixture } from './fixtures';
import { testGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ freshGateway: true });
let token: TokenFixture;

beforeAll(async () => {
  token = await createUserToken();
});

const chat = (model: string, extra: Record<string, unknown> = {}, signal?: AbortSignal) =>
  jsonRequest('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hello' }], ...extra }, { authorization: `Bearer ${token.plaintext}` }, signal);

/** Two providers on the stub: the first (priority 0) is always tried before the second (priority 1). */
async function twoRoutes(type: 'openai' | 'anthropic' = 'openai') {
  const model = uniqueName('failover');
  const first = await createProvider({ type, apiUrl: bed.stub.url });
  const second = await createProvider({ type, apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: first.id, priority: 0 });
  await createModel({ name: model, providerId: second.id, priority: 1 });
  return { model, first, second };
}

describe('failover', () => {
  it('a 500 from the first route moves on and the second route answers', async () => {
    const { model, first, second } = await twoRoutes();
    bed.stub.enqueue({ kind: 'error', status: 500, message: 'boom' });
    const response = await testGateway().handleChatCompletions(chat(model));
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.content).toBe('Echo: hello');
    expect(bed.stub.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${first.keys[0].key}`, `Bearer ${second.keys[0].key}`]);
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ attempts: 2, providerId: second.id, status: 'ok' });
  });

  it('429 from the first key moves to the next key of the same provider', async () => {
    const model = uniqueName('keys');
    const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url, keys: ['sk-key-one-1111', 'sk-key-two-2222'] });
    await createModel({ name: model, providerId: provider.id });
    bed.stub.enqueue({ kind: 'error', status: 429, retryAfter: 3 });
    const response = await testGateway().handleChatCompletions(chat(model));
    expect(response.status).toBe(200);
    const keysTried = bed.stub.requests.map((request) => request.headers.authorization);
    expect(keysTried).toHaveLength(2);
    expect(new Set(keysTried)).toEqual(new Set(['Bearer sk-key-one-1111', 'Bearer sk-key-two-2222']));
  });

  it('a 400 is returned at once in the client shape, without failover', async () => {
    const { model } = await twoRoutes();
    bed.stub.enqueue({ kind: 'error', status: 400, message: 'messages: too many' });
    const response = await testGateway().handleChatCompletions(chat(model));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: 'messages: too many', type: 'invalid_request_error', param: null, code: null },
    });
    expect(bed.stub.requests).toHaveLength(1);
  });

  it('401 from a provider key fails over and notes last_error on that key, never the key itself', async () => {
    const { model, first } = await twoRoutes();
    bed.stub.enqueue({ kind: 'error', status: 401, message: `Incorrect API key provided: ${first.keys[0].key}` });
    const response = await testGateway().handleChatCompletions(chat(model));
    expect(response.status).toBe(200);
    await expect
      .poll(async () => (await db.providerToken.findUniqueOrThrow({ where: { id: first.keys[0].id } })).lastError, { timeout: 2000 })
      .toMatch(/^HTTP 401/);
    const key = await db.providerToken.findUniqueOrThrow({ where: { id: first.keys[0].id } });
    expect(key.lastError).not.toContain(first.keys[0].key);
    expect(key.lastErrorAt).not.toBeNull();
  });

  it('an overloaded Anthropic model (529) falls back to a second model of the same name on the same provider', async () => {
    const model = uniqueName('same-provider');
    const provider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
    await createModel({ name: model, providerId: provider.id, providerModelName: 'claude-sonnet-4-5', priority: 0 });
    await createModel({ name: model, providerId: provider.id, providerModelName: 'claude-haiku-4-5', priority: 1 });
    bed.stub.enqueue({ kind: 'error', status: 529 });
    const response = await testGateway().handleMessages(
      jsonRequest('/v1/messages', { model, max_tokens: 10, messages: [{ role: 'user', content: 'hello' }] }, { 'x-api-key': token.plaintext }),
    );
    expect(response.status).toBe(200);
    expect(bed.stub.requests.map((request) => (request.body as { model: string }).model)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
    expect(await usageRowOf(response)).toMatchObject({ attempts: 2, providerId: provider.id, providerModelName: 'claude-haiku-4-5', status: 'ok' });
  });

  it('all routes down → 502 listing each attempt, without any provider key (OpenAI shape)', async () => {
    const { model, first, second } = await twoRoutes();
    bed.stub.enqueue({ kind: 'error', status: 503 }, { kind: 'hang-up' });
    const response = await testGateway().handleChatCompletions(chat(model));
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.error.type).toBe('server_error');
    expect(body.error.message).toContain(`${first.name}: HTTP 503`);
    expect(body.error.message).toContain(second.name);
    const text = JSON.stringify(body);
    for (const key of [...first.keys, ...second.keys]) expect(text).not.toContain(key.key);
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', httpStatus: 502, errorType: 'upstream_failed', attempts: 2 });
  });

  it('all routes down → Anthropic error shape for an Anthropic client', async () => {
    const { model } = await twoRoutes('anthropic');
    bed.stub.enqueue({ kind: 'error', status: 529 }, { kind: 'error', status: 500 });
    const response = await testGateway().handleMessages(
      jsonRequest('/v1/messages', { model, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }, { 'x-api-key': token.plaintext }),
    );
    const body = await response.json();
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('api_error');
    expect(body.error.message).toMatch(/HTTP 529.*HTTP 500/);
  });

  it('a stream that opens with an error event fails over before anything reaches the client', async () => {
    const { model } = await twoRoutes('anthropic');
    bed.stub.enqueue({ kind: 'completion', streamError: { atStart: true, type: 'overloaded_error', message: 'Overloaded' } });
    const response = await testGateway().handleMessages(
      jsonRequest('/v1/messages', { model, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': token.plaintext }),
    );
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(bed.stub.requests).toHaveLength(2);
    expect(text).not.toContain('overloaded_error');
    expect(text).toContain('event: message_stop');
  });

  it('fails over on a first-byte timeout', async () => {
    const model = uniqueName('slow');
    const slow = await createProvider({ type: 'openai', apiUrl: bed.stub.url, timeoutMs: 200 });
    const fast = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
    await createModel({ name: model, providerId: slow.id, priority: 0 });
    await createModel({ name: model, providerId: fast.id, priority: 1 });
    bed.stub.enqueue({ kind: 'completion', delivery: { firstByteDelayMs: 1000 } });
    const response = await testGateway().handleChatCompletions(chat(model));
    expect(response.status).toBe(200);
    expect(bed.stub.requests[1].headers.authorization).toBe(`Bearer ${fast.keys[0].key}`);
  });

  it('opens the circuit after repeated failures and skips the route', async () => {
    const { model, first } = await twoRoutes();
    bed.stub.handle((request) => (request.headers.authorization === `Bearer ${first.keys[0].key}` ? { kind: 'error', status: 500 } : undefined));
    for (let i = 0; i < 5; i++) expect((await testGateway().handleChatCompletions(chat(model))).status).toBe(200);
    const before = bed.stub.requests.length;
    expect(Object.values(testGateway().context.circuits.snapshot())).toEqual(['open']);
    await testGateway().handleChatCompletions(chat(model));
    expect(bed.stub.requests.length - before).toBe(1);
    expect(bed.stub.requests.at(-1)?.headers.authorization).not.toBe(`Bearer ${first.keys[0].key}`);
  });

  it('an upstream that dies mid-stream is not failed over; the client stream ends with an error event', async () => {
    const { model } = await twoRoutes();
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['one ', 'two ', 'three ', 'four'] }], delivery: { destroyAfterDeltas: 2 } });
    const response = await testGateway().handleChatCompletions(chat(model, { stream: true }));
    const text = await response.text();
    expect(bed.stub.requests).toHaveLength(1);
    expect(text).toContain('"content":"one "');
    expect(text).toContain('"error"');
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', httpStatus: 200, attempts: 1 });
    expect(row.errorType).toMatch(/^upstream_/);
  });

  it('a converted stream cut short ends with an Anthropic error event, never a fabricated end_turn', async () => {
    const { model } = await twoRoutes('openai');
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['a ', 'b ', 'c'] }], truncate: 'before-finish' });
    const response = await testGateway().handleMessages(
      jsonRequest('/v1/messages', { model, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'x' }] }, { 'x-api-key': token.plaintext }),
    );
    const text = await response.text();
    expect(text).toContain('event: error');
    expect(text).not.toContain('end_turn');
  });

  it('a client that disconnects mid-stream aborts the upstream request', async () => {
    const { model } = await twoRoutes();
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: Array.from({ length: 50 }, (_, i) => `w${i} `) }], delivery: { chunkDelayMs: 50 } });
    const controller = new AbortController();
    const response = await testGateway().handleChatCompletions(chat(model, { stream: true }, controller.signal));
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel();
    const aborted = await bed.stub.waitForAbort(3000);
    expect(aborted.outcome).toBe('aborted');
    expect(bed.stub.requests).toHaveLength(1);
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', errorType: 'client_disconnected' });
  });
});
