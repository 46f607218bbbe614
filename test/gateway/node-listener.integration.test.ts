// The /v1 endpoints mounted straight on node:http (what `npm start` serves): what the bridge between node:http
// and the web Request/Response core must get right over real sockets.
import { request as httpRequest } from 'node:http';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { usageRowOf } from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { useFreshTestGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ serve: true });
let token: TokenFixture;
const model = uniqueName('node-mount');

beforeAll(async () => {
  const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: provider.id });
  token = await createUserToken();
});
beforeEach(() => bed.stub.reset());

function chat(body: unknown, init: { signal?: AbortSignal } = {}) {
  return fetch(`${bed.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

describe('the gateway on node:http', () => {
  it('answers a completion with its length and the request id', async () => {
    const response = await chat({ model, messages: [{ role: 'user', content: 'hello' }] });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text).choices[0].message.content).toBe('Echo: hello');
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
  });

  it('serves GET /v1/models with a query string', async () => {
    const response = await fetch(`${bed.gatewayUrl}/v1/models?limit=5`, { headers: { authorization: `Bearer ${token.plaintext}` } });
    expect(response.status).toBe(200);
    const list = (await response.json()) as { data: { id: string }[] };
    expect(list.data.map((entry) => entry.id)).toContain(model);
  });

  it('leaves other paths to the server around it, and answers a wrong method on its own paths with 405 and Allow', async () => {
    expect((await fetch(`${bed.gatewayUrl}/api/health`)).status).toBe(404);
    const wrongMethod = await fetch(`${bed.gatewayUrl}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await wrongMethod.json()).error.message).toBe('GET is not allowed on /v1/chat/completions; use POST');
  });

  it('relays a stream as it comes: the first chunk arrives long before the last', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: ['one ', 'two ', 'three'] }], delivery: { chunkDelayMs: 300 } });
    const response = await chat({ model, stream: true, messages: [{ role: 'user', content: 'x' }] });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let firstTextAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (!firstTextAt && text.includes('one ')) firstTextAt = Date.now();
    }
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(Date.now() - firstTextAt).toBeGreaterThanOrEqual(500);
  });

  it('a client that leaves mid-stream aborts the upstream request and records the disconnect', async () => {
    bed.stub.enqueue({ kind: 'completion', parts: [{ type: 'text', text: Array.from({ length: 40 }, (_, i) => `w${i} `) }], delivery: { chunkDelayMs: 50 } });
    const controller = new AbortController();
    const response = await chat({ model, stream: true, messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal });
    const reader = response.body!.getReader();
    let received = '';
    while (!received.includes('w1 ')) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const aborted = await bed.stub.waitForAbort(3000);
    expect(aborted.outcome).toBe('aborted');
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', errorType: 'client_disconnected' });
    // The OpenAI-type upstream reports usage only at the end: the part that was streamed is billed by estimate.
    expect(row.inputTokens).toBeGreaterThan(0);
    expect(row.outputTokens).toBeGreaterThan(0);
  });

  it('refuses a body over the limit with 413 in the client shape and closes the connection instead of reading on', async () => {
    useFreshTestGateway({ settings: { maxBodyBytes: 1024 } });
    try {
      // Sent without a content-length, so only reading the body can tell its size.
      const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest(`${bed.gatewayUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}`, 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
        });
        req.on('error', reject);
        req.write(JSON.stringify({ model, messages: [{ role: 'user', content: 'x'.repeat(4096) }] }));
        // The rest of the upload never comes: the answer must not wait for it.
      });
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body)).toMatchObject({ error: { message: expect.stringContaining('1024 bytes') } });
      expect(bed.stub.requests).toHaveLength(0);
    } finally {
      useFreshTestGateway();
    }
  });
});
