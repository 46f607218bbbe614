// Same-protocol requests through the whole gateway core to a real HTTP upstream on loopback.
import { beforeAll, describe, expect, it } from 'vitest';
import { usageRowFor } from './exchange-helpers';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName, type ProviderFixture, type TokenFixture } from './fixtures';
import { testGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: { usage: { input: 100, output: 50, cacheRead: 20, cacheWrite: 0 } }, freshGateway: true });
let openaiProvider: ProviderFixture;
let anthropicProvider: ProviderFixture;
let token: TokenFixture;
const openaiModel = uniqueName('gpt');
const anthropicModel = uniqueName('claude');

beforeAll(async () => {
  openaiProvider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  anthropicProvider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  await createModel({ name: openaiModel, providerId: openaiProvider.id, inputPrice: '2', outputPrice: '10', cacheReadPrice: '1' });
  await createModel({ name: anthropicModel, providerId: anthropicProvider.id, inputPrice: '3', outputPrice: '15', cacheReadPrice: '0.3' });
  token = await createUserToken();
});


describe('OpenAI client to an OpenAI-type route', () => {
  it('passes the body through with only model replaced and returns the upstream bytes unchanged', async () => {
    const raw = `{"messages":[{"role":"user","content":"Hello there"}], "model":"${openaiModel}", "temperature":1.0}`;
    const response = await testGateway().handleChatCompletions(
      jsonRequest('/v1/chat/completions', raw, {
        authorization: `Bearer ${token.plaintext}`,
        cookie: 'session=secret-cookie',
        'x-forwarded-for': '203.0.113.7',
        'user-agent': 'test-sdk/1.0',
      }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.choices[0].message.content).toBe('Echo: Hello there');

    const received = bed.stub.requests[0];
    expect(received.rawBody).toBe(raw.replace(`"${openaiModel}"`, `"${openaiModel}-upstream"`));
    expect(received.headers.authorization).toBe(`Bearer ${openaiProvider.keys[0].key}`);
    expect(received.headers['user-agent']).toBe('test-sdk/1.0');
    expect(received.headers.cookie).toBeUndefined();
    expect(received.headers['x-forwarded-for']).toBeUndefined();
    expect(JSON.stringify(received.headers)).not.toContain(token.plaintext);
  });

  it('records one usage row with tokens and cost from the model prices', async () => {
    const response = await testGateway().handleChatCompletions(
      jsonRequest('/v1/chat/completions', { model: openaiModel, messages: [{ role: 'user', content: 'cost me' }] }, { authorization: `Bearer ${token.plaintext}` }),
    );
    await response.text();
    const row = await usageRowFor(response.headers.get('x-request-id'));
    expect(row).toMatchObject({
      userId: token.userId,
      userTokenId: token.id,
      modelName: openaiModel,
      providerId: openaiProvider.id,
      providerTokenId: openaiProvider.keys[0].id,
      providerModelName: `${openaiModel}-upstream`,
      clientProtocol: 'openai',
      upstreamProtocol: 'openai',
      stream: false,
      status: 'ok',
      httpStatus: 200,
      inputTokens: 100,
      outputTokens: 50,
      cacheReadTokens: 20,
      attempts: 1,
      currency: 'USD',
    });
    // (100 × 2 + 20 × 1) / 1M input, 50 × 10 / 1M output
    expect(row.inputCost.toString()).toBe('0.00022');
    expect(row.outputCost.toString()).toBe('0.0005');
    expect(row.totalCost.toString()).toBe('0.00072');
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('streams through, asks the upstream for usage and drops the usage chunk the client did not ask for', async () => {
    const response = await testGateway().handleChatCompletions(
      jsonRequest('/v1/chat/completions', { model: openaiModel, stream: true, messages: [{ role: 'user', content: 'stream me' }] }, { authorization: `Bearer ${token.plaintext}` }),
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(bed.stub.requests[0].body?.stream_options).toEqual({ include_usage: true });
    expect(text).toContain('"content":"Echo: "');
    expect(text).not.toContain('"prompt_tokens"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const row = await usageRowFor(response.headers.get('x-request-id'));
    expect(row).toMatchObject({ stream: true, status: 'ok', inputTokens: 100, outputTokens: 50, cacheReadTokens: 20 });
    expect(row.ttftMs).not.toBeNull();
  });

  it('keeps the usage chunk byte for byte when the client asked for it', async () => {
    const response = await testGateway().handleChatCompletions(
      jsonRequest(
        '/v1/chat/completions',
        { model: openaiModel, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'usage please' }] },
        { authorization: `Bearer ${token.plaintext}` },
      ),
    );
    const text = await response.text();
    expect(text).toContain('"prompt_tokens"');
  });
});

describe('Anthropic client to an Anthropic-type route', () => {
  it('passes through non-streaming with the provider key in x-api-key and anthropic-version added', async () => {
    const response = await testGateway().handleMessages(
      jsonRequest('/v1/messages', { model: anthropicModel, max_tokens: 100, messages: [{ role: 'user', content: 'Hi Claude' }] }, { 'x-api-key': token.plaintext }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'Echo: Hi Claude' }] });
    const received = bed.stub.requests[0];
    expect(received.path).toBe('/v1/messages');
    expect(received.headers['x-api-key']).toBe(anthropicProvider.keys[0].key);
    expect(received.headers['anthropic-version']).toBe('2023-06-01');
    expect(received.headers.authorization).toBeUndefined();
    expect(received.body?.model).toBe(`${anthropicModel}-upstream`);
    expect(response.headers.get('request-id')).toBe(response.headers.get('x-request-id'));
  });

  it('streams through unchanged and reads usage on the side', async () => {
    const response = await testGateway().handleMessages(
      jsonRequest(
        '/v1/messages',
        { model: anthropicModel, max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'stream it' }] },
        { 'x-api-key': token.plaintext, 'anthropic-version': '2023-06-01' },
      ),
    );
    const text = await response.text();
    expect(text).toContain('event: message_start');
    expect(text).toContain('event: message_stop');
    const row = await usageRowFor(response.headers.get('x-request-id'));
    expect(row).toMatchObject({ clientProtocol: 'anthropic', upstreamProtocol: 'anthropic', stream: true, inputTokens: 100, outputTokens: 50, cacheReadTokens: 20 });
    expect(row.totalCost.toString()).toBe('0.001056');
  });
});
