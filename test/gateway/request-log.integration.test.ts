// Every finished request leaves one structured log line (ids, route, attempts, status, timings) and no line ever
// holds a user token, a provider key or a byte of the conversation.
import { Writable } from 'node:stream';
import OpenAI from 'openai';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log';
import { parseLogLine, type LogEntry } from '../helpers/log-lines';
import { createModel, createProvider, createUserToken, uniqueName, type ProviderFixture, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const CONVERSATION = 'the secret plan is under the third stone';

let token: TokenFixture;
let failing: ProviderFixture;
let healthy: ProviderFixture;
const model = uniqueName('logged');
let lines: string[] = [];

const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

function finishedEntries(): LogEntry[] {
  return lines.map(parseLogLine).filter((entry): entry is LogEntry => entry?.msg === 'request finished');
}

const bed = setUpGatewayTestbed({ serve: true, freshGateway: () => ({ logger: createLogger('info', logSink) }) });

beforeAll(async () => {
  failing = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  healthy = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: failing.id, priority: 0 });
  await createModel({ name: model, providerId: healthy.id, priority: 1 });
  token = await createUserToken();
});
beforeEach(() => {
  lines = [];
});

describe('the request log', () => {
  it('writes one line per finished request with its ids, route, attempts, status and timings', async () => {
    const client = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    bed.stub.enqueue({ kind: 'error', status: 503 });
    const answer = await client.chat.completions.create({ model, messages: [{ role: 'user', content: CONVERSATION }] });

    const [entry] = finishedEntries();
    expect(finishedEntries()).toHaveLength(1);
    expect(entry).toMatchObject({
      level: 'info',
      token_id: token.id,
      user_id: token.userId,
      model,
      client_protocol: 'openai',
      stream: false,
      route: { provider_id: healthy.id, provider_token_id: healthy.keys[0].id, upstream_protocol: 'anthropic' },
      attempts: 2,
      status: 'ok',
      http_status: 200,
      error_type: null,
      latency_ms: expect.any(Number),
      input_tokens: expect.any(Number),
    });
    expect(entry.request_id).toBe(answer._request_id);
    expect(Date.parse(entry.time as string)).not.toBeNaN();
  });

  it('logs a stream with its time to first token, and a refused token with no ids at all', async () => {
    const client = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: CONVERSATION }] });
    for await (const chunk of stream) void chunk;
    const refused = await fetch(`${bed.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer agt-not-a-real-token' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: CONVERSATION }] }),
    });
    expect(refused.status).toBe(401);

    // The stream's line is written when the relay ends, which may be just after the client read its last chunk.
    await expect.poll(() => finishedEntries().length).toBe(2);
    const [streamed, unauthenticated] = finishedEntries();
    expect(streamed).toMatchObject({ stream: true, status: 'ok', ttft_ms: expect.any(Number) });
    expect(unauthenticated).toMatchObject({ token_id: null, user_id: null, route: null, status: 'error', http_status: 401 });
  });

  it('never holds a user token, a provider key or the conversation', async () => {
    const client = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    bed.stub.enqueue({ kind: 'error', status: 500 });
    await client.chat.completions.create({ model, messages: [{ role: 'user', content: CONVERSATION }] });
    await fetch(`${bed.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
      body: `{"model": "${model}", "messages": [{"role": "user", "content": "${CONVERSATION}"`,
    });

    expect(lines.length).toBeGreaterThanOrEqual(2);
    const everything = lines.join('\n');
    for (const secret of [token.plaintext, ...failing.keys.map((key) => key.key), ...healthy.keys.map((key) => key.key), CONVERSATION]) {
      expect(everything).not.toContain(secret);
    }
  });
});
