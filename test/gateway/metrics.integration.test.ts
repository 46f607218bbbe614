// GET /api/metrics after real gateway traffic, and who may read it: scrapes over real sockets to the listener the
// production server mounts, from loopback and from this machine's other interface addresses, with and without
// AXONGATE_METRICS_TOKEN; and Next's route, which cannot see the socket and so opens only with the token.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as metricsRoute } from '../../app/api/metrics/route';
import { answerMetricsRequest, createMetricsNodeListener, createServerNodeListener, renderMetrics } from '../../lib/server';
import { serverRuntime } from '../../lib/server/runtime';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';
import { testGateway } from '../helpers/test-gateway';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** This machine's addresses that are not loopback (link-local IPv6 left out: it needs a zone to dial). */
const OUTSIDE_ADDRESSES = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry && !entry.internal && !entry.address.startsWith('fe80:'))
  .map((entry) => entry!.address);

type Listener = (req: IncomingMessage, res: ServerResponse) => boolean;
type Served = { port: number; close: () => Promise<void> };

/** Listens on every interface (`::`, dual-stack), as a production server with HOSTNAME=:: or 0.0.0.0 does. */
async function serve(listener: Listener): Promise<Served> {
  const server = createServer((req, res) => {
    if (!listener(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A GET over its own connection to `host`: the server sees this machine's address on that interface as the peer. */
function scrapeOver(host: string, port: number, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request({ host, port, path: '/api/metrics', headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end();
  });
}

const FORGED = { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1', host: 'localhost' };

let stub: UpstreamStub;
let open: Served;
let tokenProtected: Served;

beforeAll(async () => {
  stub = await startUpstreamStub();
  // The server's own listener, on a runtime configured without a metrics token.
  open = await serve(createServerNodeListener(serverRuntime()));
  tokenProtected = await serve(createMetricsNodeListener({ token: METRICS_TOKEN, render: () => renderMetrics(serverRuntime()) }));
});
afterAll(async () => {
  await Promise.all([open.close(), tokenProtected.close(), stub.close()]);
});

describe('/api/metrics content', () => {
  it('counts requests and failed upstream attempts by provider', async () => {
    const model = uniqueName('metrics');
    const failing = await createProvider({ type: 'openai', apiUrl: stub.url });
    const healthy = await createProvider({ type: 'openai', apiUrl: stub.url });
    await createModel({ name: model, providerId: failing.id, priority: 0 });
    await createModel({ name: model, providerId: healthy.id, priority: 1 });
    const token = await createUserToken();
    stub.enqueue({ kind: 'error', status: 500 });

    const response = await testGateway().handleChatCompletions(
      new Request('http://localhost/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.plaintext}` },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      }),
    );
    expect(response.status).toBe(200);
    await response.text();

    const { status, text } = await scrapeOver('127.0.0.1', open.port);
    expect(status).toBe(200);
    expect(text).toContain(`axongate_upstream_errors_total{provider="${failing.name}",reason="http_500"} 1`);
    expect(text).toMatch(/axongate_requests_total\{client_protocol="openai",http_status="200",status="ok",upstream_protocol="openai"\} \d+/);
    expect(text).toMatch(/axongate_request_duration_seconds_count\{client_protocol="openai",upstream_protocol="openai"\} \d+/);
    expect(text).toContain('# TYPE axongate_circuit_open gauge');
    expect(text).toMatch(/^axongate_usage_rows_pending \d+$/m);
    expect(text).toMatch(/^axongate_usage_rows_dropped_total 0$/m);
  });
});

describe('/api/metrics on the production listener without AXONGATE_METRICS_TOKEN', () => {
  it.each(['127.0.0.1', '::1'])('serves a scrape from loopback (%s)', async (host) => {
    const { status, text } = await scrapeOver(host, open.port);
    expect(status).toBe(200);
    expect(text).toContain('# TYPE axongate_in_flight_requests gauge');
  });

  it('this machine has an address other than loopback to attack from', () => {
    expect(OUTSIDE_ADDRESSES.length).toBeGreaterThan(0);
  });

  it.each(OUTSIDE_ADDRESSES)('refuses a scrape from %s with 403 and no metrics, even with forwarding headers naming 127.0.0.1', async (host) => {
    for (const headers of [{}, FORGED]) {
      const { status, text } = await scrapeOver(host, open.port, headers);
      expect(status).toBe(403);
      expect(text).toBe('forbidden: without AXONGATE_METRICS_TOKEN the metrics are served only to scrapes from loopback\n');
    }
  });

  it('leaves every other path to the next handler', async () => {
    const response = await fetch(`http://127.0.0.1:${open.port}/api/metricsx`);
    expect(response.status).toBe(404);
  });
});

describe('/api/metrics on the production listener with AXONGATE_METRICS_TOKEN', () => {
  it('refuses a loopback scrape without the token or with a wrong one: 401', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, FORGED] as Record<string, string>[]) {
      const { status, text } = await scrapeOver('127.0.0.1', tokenProtected.port, headers);
      expect(status).toBe(401);
      expect(text).not.toContain('axongate_');
    }
  });

  it.each(['127.0.0.1', ...OUTSIDE_ADDRESSES])('serves a scrape from %s that presents the token', async (host) => {
    const { status, text } = await scrapeOver(host, tokenProtected.port, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(status).toBe(200);
    expect(text).toContain('axongate_in_flight_requests');
  });
});

describe("Next's /api/metrics route (no socket address to judge)", () => {
  const scrapeRoute = (headers: Record<string, string> = {}) => metricsRoute(new Request('http://localhost/api/metrics', { headers }));

  it('refuses every scrape without a configured token, forwarding headers naming loopback included: 403', async () => {
    for (const headers of [{}, FORGED]) {
      const response = await scrapeRoute(headers);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('axongate_');
    }
  });

  it('asks for the bearer when a metrics token is configured, as the route does with its runtime token', async () => {
    const answer = (headers: Record<string, string>) =>
      answerMetricsRequest(new Headers(headers), null, { token: METRICS_TOKEN, render: () => renderMetrics(serverRuntime()) });
    expect(answer({}).status).toBe(401);
    expect(answer(FORGED).status).toBe(401);
    expect(answer({ authorization: `Bearer ${METRICS_TOKEN}` }).status).toBe(200);
  });
});
