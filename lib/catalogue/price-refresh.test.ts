import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCataloguePrices } from './catalogue-prices';
import { startPriceRefresh } from './price-refresh';

// Against a loopback server standing in for genai-prices' public data file.

let server: Server;
let reply: { status: number; body: string };
let url: string;

beforeAll(async () => {
  server = createServer((_, res) => res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refreshed = [
  { id: 'openai', name: 'OpenAI', api_pattern: 'api\\.openai\\.com', models: [{ id: 'gpt-5', match: { equals: 'gpt-5' }, prices: { input_mtok: 99, output_mtok: 100 } }] },
];

describe('startPriceRefresh', () => {
  it('keeps the shipped prices when the refresh answers an error or something that is not provider data', async () => {
    const logs: string[] = [];
    for (const body of [{ status: 500, body: '{}' }, { status: 200, body: '{"not":"a list"}' }]) {
      reply = body;
      const refresh = startPriceRefresh({ intervalMs: 3_600_000, log: (line) => logs.push(line), url });
      await refresh.firstRefresh;
      refresh.stop();
    }
    expect(logs).toEqual([
      'catalogue prices not refreshed, the previous ones stay: HTTP 500',
      'catalogue prices not refreshed, the previous ones stay: not a list of providers',
    ]);
    expect(findCataloguePrices('gpt-5', 'https://api.openai.com', 'openai')?.input).toBe(1.25);
  });

  it('uses the refreshed prices once the data file answered', async () => {
    reply = { status: 200, body: JSON.stringify(refreshed) };
    const refresh = startPriceRefresh({ intervalMs: 3_600_000, log: () => undefined, url });
    await refresh.firstRefresh;
    refresh.stop();
    expect(findCataloguePrices('gpt-5', 'https://api.openai.com', 'openai')).toEqual({ input: 99, output: 100, cacheRead: null, cacheWrite: null });
  });
});
