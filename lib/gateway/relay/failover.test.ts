import { describe, expect, it } from 'vitest';
import { GatewayError } from '../request/gateway-error';
import { UpstreamTransportError } from '../upstream/upstream-client';
import { runFailover, type FailoverInput } from './failover';
import { parsedBody, replyOf, scriptedUpstream, testExchange, testFailoverContext, testRoute, type ScriptedAnswer } from './relay-test-support';

// The failover loop over routes and upstream answers given as data.

const chatBody = parsedBody({ model: 'alias', messages: [{ role: 'user', content: 'hi' }] });
const completion = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'upstream-2',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
});
const anthropicMessage = JSON.stringify({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'upstream-2',
  content: [{ type: 'text', text: 'hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 2 },
});

function setUp(answers: ScriptedAnswer[], options: { stream?: boolean; signal?: AbortSignal } = {}) {
  const upstream = scriptedUpstream(answers);
  const { context, keyErrors } = testFailoverContext(upstream);
  const { exchange, rows } = testExchange('openai', options.stream);
  const request = new Request('http://gateway.test/v1/chat/completions', { method: 'POST', signal: options.signal });
  const run = (routes = [testRoute(1, 'openai'), testRoute(2, 'openai')], body = chatBody) => {
    const input: FailoverInput = { request, exchange, clientProtocol: 'openai', kind: 'chat', body, routes };
    return runFailover(context, input);
  };
  return { run, upstream, context, keyErrors, exchange, rows };
}

describe('runFailover', () => {
  it('a 500 from the first route moves to the next, which answers; both attempts count', async () => {
    const { run, upstream, context, rows } = setUp([replyOf(500, ['{"error":{"message":"boom"}}']), replyOf(200, [completion])]);

    const response = await run();

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ choices: [{ message: { content: 'hello' } }] });
    expect(upstream.calls.map((call) => call.route.key)).toEqual(['1:1', '2:2']);
    expect(rows).toEqual([expect.objectContaining({ status: 'ok', attempts: 2, modelId: 2, inputTokens: 5, outputTokens: 2, totalCost: '0.000009' })]);
    expect(rows[0].attemptLog).toEqual([
      expect.objectContaining({ model_id: 1, provider_id: 1, provider_token_id: 1, outcome: 'failed', http_status: 500, reason: 'HTTP 500', ttft_ms: null }),
      expect.objectContaining({ model_id: 2, provider_id: 2, provider_token_id: 2, outcome: 'answered', http_status: 200, reason: null }),
    ]);
    const [first, second] = rows[0].attemptLog!;
    expect(second.started_ms).toBeGreaterThanOrEqual(first.started_ms + first.duration_ms);
    expect(context.circuits.snapshot()).toEqual({});
    expect(context.metrics.render().join('\n')).toContain('axongate_upstream_errors_total{provider="provider-1",reason="http_500"} 1');
  });

  it('the caller\'s 400 goes back at once in the client\'s shape, without trying the next route', async () => {
    const { run, upstream, rows } = setUp([replyOf(400, ['{"error":{"message":"bad temperature","type":"invalid_request_error"}}'])]);

    const response = await run();

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: 'bad temperature', type: 'invalid_request_error' } });
    expect(upstream.calls).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'error', httpStatus: 400, errorType: 'upstream_error', attempts: 1 });
    expect(rows[0].attemptLog).toEqual([expect.objectContaining({ outcome: 'error', http_status: 400, reason: 'upstream_error' })]);
  });

  it('a refused provider key (401) fails over and is noted on that key, with the key itself', async () => {
    const { run, keyErrors } = setUp([replyOf(401, ['{"error":{"message":"invalid key sk-secret-key-1"}}']), replyOf(200, [completion])]);

    expect((await run()).status).toBe(200);
    expect(keyErrors).toEqual([{ providerTokenId: 1, message: 'HTTP 401: invalid key [redacted]', apiKey: 'sk-secret-key-1' }]);
  });

  it('a route that cannot be reached is skipped; after every route failed the client gets 502 naming each', async () => {
    const { run, context } = setUp([new UpstreamTransportError('connect', 'connect error (ECONNREFUSED)'), replyOf(503, ['busy'])]);

    const failure = await run().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure).toMatchObject({
      status: 502,
      errorType: 'upstream_failed',
      message: 'All 2 upstream attempt(s) for model "alias" failed: provider-1: connect error (ECONNREFUSED); provider-2: HTTP 503',
    });
    expect(context.circuits.stateOf('1:1')).toBe('closed');
  });

  it('routes whose circuit is open are not tried; with none left the client gets 503', async () => {
    const { run, context, upstream } = setUp([]);
    for (const key of ['1:1', '2:2']) {
      context.circuits.recordFailure(key);
      context.circuits.recordFailure(key);
    }

    const failure = await run().catch((error: unknown) => error);

    expect(failure).toMatchObject({ status: 503, errorType: 'no_available_route' });
    expect(upstream.calls).toHaveLength(0);
  });

  it('converts the body and the answer for a route of the other protocol', async () => {
    const { run, upstream } = setUp([replyOf(200, [anthropicMessage])]);

    const response = await run([testRoute(2, 'anthropic')]);

    expect(upstream.calls[0]).toMatchObject({ endpoint: '/v1/messages' });
    expect(JSON.parse(upstream.calls[0].body ?? '')).toMatchObject({
      model: 'upstream-2',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    expect(await response.json()).toMatchObject({ object: 'chat.completion', model: 'alias', choices: [{ message: { content: 'hello' }, finish_reason: 'stop' }] });
  });

  it('a stream that opens with an error event fails over; the next route\'s stream is relayed', async () => {
    const overloaded = 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n';
    const chunk = 'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}\n\n';
    const { run, upstream, rows } = setUp([replyOf(200, [overloaded]), replyOf(200, [chunk, 'data: [DONE]\n\n'])], { stream: true });

    const response = await run();

    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(await response.text()).toBe(`${chunk}data: [DONE]\n\n`);
    expect(upstream.calls).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'ok', attempts: 2, stream: true });
  });

  it('a client that already left stops the loop: 499 and a client_disconnected row', async () => {
    const client = new AbortController();
    client.abort();
    const { run, upstream, rows } = setUp([], { signal: client.signal });

    const response = await run();

    expect(response.status).toBe(499);
    expect(upstream.calls).toHaveLength(0);
    expect(rows[0]).toMatchObject({ httpStatus: 499, errorType: 'client_disconnected' });
  });
});
