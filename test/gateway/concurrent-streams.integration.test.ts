// Thousands of long streams to one provider at once: every one reaches the provider while the others are still
// running (no per-origin connection cap queues them), and every one completes with its usage row.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { flushTestUsage } from '../helpers/test-gateway';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const STREAMS = 2500;

/** An OpenAI-type provider whose streams send their first chunk and then hold until released. */
async function startHoldingProvider() {
  let open = 0;
  let peak = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      open++;
      peak = Math.max(peak, open);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: 'held ' }));
      await released;
      res.write(chunk({ content: 'done' }, 'stop'));
      res.end('data: [DONE]\n\n');
      open--;
    });
  });
  server.maxConnections = STREAMS * 2;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: () => open,
    peak: () => peak,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let provider: Awaited<ReturnType<typeof startHoldingProvider>>;
const bed = setUpGatewayTestbed({ stub: false, serve: true });
let token: TokenFixture;
let model: string;

beforeAll(async () => {
  provider = await startHoldingProvider();
  const row = await createProvider({ type: 'openai', apiUrl: provider.url });
  model = uniqueName('concurrent');
  await createModel({ name: model, providerId: row.id });
  token = await createUserToken();
});
afterAll(async () => {
  provider?.release();
  await provider?.close();
});

describe(`${STREAMS} concurrent streams to one provider`, () => {
  it('all reach the provider at the same time, then all complete, each with one usage row', async () => {
    const clients = new Agent({ connections: null, keepAliveTimeout: 1000 });
    const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const responses = Array.from({ length: STREAMS }, () =>
      request(`${bed.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        dispatcher: clients,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
        body,
      }),
    );

    await expect.poll(() => provider.open(), { timeout: 60_000, interval: 100 }).toBe(STREAMS);
    expect(provider.peak()).toBe(STREAMS);
    provider.release();

    const texts = await Promise.all(
      responses.map(async (pending) => {
        const response = await pending;
        expect(response.statusCode).toBe(200);
        return response.body.text();
      }),
    );
    await clients.close();
    expect(texts.filter((text) => text.includes('held ') && text.includes('done') && text.trimEnd().endsWith('data: [DONE]'))).toHaveLength(STREAMS);
    await flushTestUsage();
    expect(await db.usage.count({ where: { userTokenId: token.id, status: 'ok' } })).toBe(STREAMS);
  }, 120_000);
});
