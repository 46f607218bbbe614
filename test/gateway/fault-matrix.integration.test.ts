// The fault matrix: every way a provider can break, for both client protocols on a same-protocol and a converting
// route. Before anything reached the client the gateway fails over to the next route (and counts the failure against
// the broken route's circuit); once the stream is committed it ends it in the client's protocol. Every request
// leaves exactly one usage row.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedReply } from '../upstream-stub/types';
import { testGateway } from '../helpers/test-gateway';
import { usageRowOf } from './exchange-helpers';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

// Short timeouts, so silence and stalls are decided within a test's time.
const bed = setUpGatewayTestbed({ freshGateway: { settings: { streamIdleTimeoutMs: 700 } } });
let token: TokenFixture;

beforeAll(async () => {
  token = await createUserToken();
});

type Client = 'openai' | 'anthropic';
type Route = 'openai' | 'anthropic';

/** A model whose first route (priority 0) breaks and whose second answers. */
async function twoRoutes(type: Route) {
  const model = uniqueName(`fault-${type}`);
  const broken = await createProvider({ type, apiUrl: bed.stub.url, timeoutMs: 500 });
  const healthy = await createProvider({ type, apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: broken.id, priority: 0 });
  await createModel({ name: model, providerId: healthy.id, priority: 1 });
  return model;
}

function call(client: Client, model: string, stream: boolean): Promise<Response> {
  const messages = [{ role: 'user', content: 'hello' }];
  const gateway = testGateway();
  return client === 'openai'
    ? gateway.handleChatCompletions(jsonRequest('/v1/chat/completions', { model, messages, stream }, { authorization: `Bearer ${token.plaintext}` }))
    : gateway.handleMessages(
        jsonRequest('/v1/messages', { model, messages, stream, max_tokens: 50 }, { 'x-api-key': token.plaintext, 'anthropic-version': '2023-06-01' }),
      );
}

const pairs: [Client, Route][] = [
  ['openai', 'openai'],
  ['openai', 'anthropic'],
  ['anthropic', 'anthropic'],
  ['anthropic', 'openai'],
];

/** Faults that leave nothing valid at the client: each must fail over to the second route. */
const beforeFirstByte: { name: string; stream: boolean; reply: (route: Route) => ScriptedReply }[] = [
  { name: 'a connection reset before any answer', stream: false, reply: () => ({ kind: 'hang-up' }) },
  { name: 'silence past the provider timeout', stream: true, reply: () => ({ kind: 'completion', delivery: { firstByteDelayMs: 1500 } }) },
  {
    name: 'a 200 with garbage instead of JSON',
    stream: false,
    reply: () => ({ kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '\u0000\u0001\u0002garbage' }),
  },
  {
    name: 'a 200 with an HTML error page from a proxy',
    stream: false,
    reply: () => ({ kind: 'raw', status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
  },
  {
    name: 'a 200 stream that is not SSE',
    stream: true,
    reply: () => ({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'hello, this is not an event stream\n\n' }),
  },
  {
    name: 'a 200 stream of binary bytes',
    stream: true,
    reply: () => ({ kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: '\u0089PNG\r\n\u001a\n\u0000\u0000' }),
  },
  { name: 'a stream whose first event is an error', stream: true, reply: () => ({ kind: 'completion', streamError: { afterDeltas: 0 } }) },
];

describe.each(pairs)('%s client → %s route', (client, route) => {
  it.each(beforeFirstByte)('$name: fails over and the second route answers', async ({ stream, reply }) => {
    const model = await twoRoutes(route);
    bed.stub.enqueue(reply(route));

    const response = await call(client, model, stream);

    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/Echo: (hello|\S*\s*[^]*hello)/);
    expect(await usageRowOf(response)).toMatchObject({ status: 'ok', attempts: 2 });
    expect(bed.stub.requests).toHaveLength(2);
    expect(testGateway().context.metrics.render().join('\n')).toMatch(/axongate_upstream_errors_total\{provider="[^"]+",reason="[a-z_0-9]+"\} 1/);
  });

  it('a stall mid-stream is not failed over: the client gets its protocol\'s error ending and the row bills the text', async () => {
    const model = await twoRoutes(route);
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['Hello ', 'world'] }], delivery: { stallAfterDeltas: 1 } });

    const response = await call(client, model, true);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).toContain('Hello');
    expect(text).toMatch(client === 'openai' ? /data: \{"error":\{/ : /event: error\ndata: \{"type":"error"/);
    expect(bed.stub.requests).toHaveLength(1);
    expect(await usageRowOf(response)).toMatchObject({ status: 'error', attempts: 1, errorType: 'upstream_timeout', outputTokens: expect.any(Number) });
  });

  it.each([
    { fault: 'the connection breaking', reply: { delivery: { destroyAfterDeltas: 1 } }, errorType: 'upstream_connection_lost' },
    { fault: 'an error event', reply: { streamError: { afterDeltas: 1 } }, errorType: 'upstream_stream_error' },
    { fault: 'the stream stopping before its end', reply: { truncate: 'before-finish' as const }, errorType: 'upstream_incomplete' },
  ])('$fault after the first text is recorded as $errorType, the same on every path', async ({ reply, errorType }) => {
    const model = await twoRoutes(route);
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['Hello ', 'there ', 'world'] }], ...reply });

    const response = await call(client, model, true);
    const text = await response.text();

    expect(text).toContain('Hello');
    expect(text).toMatch(client === 'openai' ? /data: \{"error":\{/ : /event: error\n/);
    expect(await usageRowOf(response)).toMatchObject({ status: 'error', attempts: 1, errorType });
  });
});
