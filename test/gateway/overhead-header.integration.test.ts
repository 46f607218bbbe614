// Every /v1 model answer says how long the gateway itself took: `x-axongate-overhead-ms`, the time from the request's
// arrival to its response headers less the waits on upstreams. An upstream that takes its time shows in the total,
// never in the header.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const UPSTREAM_DELAY_MS = 300;
const WELL_FORMED = /^\d+\.\d{2}$/;

const bed = setUpGatewayTestbed({ serve: true, freshGateway: true });
let token: TokenFixture;
const model = uniqueName('timed');
const failoverModel = uniqueName('timed-failover');

beforeAll(async () => {
  const first = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  const second = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: first.id });
  await createModel({ name: failoverModel, providerId: first.id, priority: 0 });
  await createModel({ name: failoverModel, providerId: second.id, priority: 1 });
  token = await createUserToken();
});
beforeEach(async () => {
  // The first request of a gateway loads the token and the routes from the database; the cases measure the rest.
  await chat({});
  await chat({ model: failoverModel });
});

/** Posts a chat request; `totalMs` runs until the response headers are in, as the header's does. */
async function chat(body: Record<string, unknown>, authorization = `Bearer ${token.plaintext}`) {
  const started = performance.now();
  const response = await fetch(`${bed.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }], ...body }),
  });
  const totalMs = performance.now() - started;
  const header = response.headers.get('x-axongate-overhead-ms');
  await response.text();
  return { response, header, totalMs };
}

function expectOverheadWithout(header: string | null, upstreamMs: number, totalMs: number) {
  expect(header).toMatch(WELL_FORMED);
  expect(totalMs).toBeGreaterThanOrEqual(upstreamMs);
  // The gateway's own work is a few milliseconds; what the upstream took is not in it.
  expect(Number(header)).toBeLessThan(UPSTREAM_DELAY_MS / 2);
}

describe('x-axongate-overhead-ms', () => {
  it('leaves a slow upstream out of a JSON answer', async () => {
    bed.stub.enqueue({ kind: 'completion', delivery: { firstByteDelayMs: UPSTREAM_DELAY_MS } });
    const { response, header, totalMs } = await chat({});
    expect(response.status).toBe(200);
    expectOverheadWithout(header, UPSTREAM_DELAY_MS, totalMs);
  });

  it('leaves a slow upstream out of a stream, measured when its headers go out', async () => {
    bed.stub.enqueue({ kind: 'completion', delivery: { firstByteDelayMs: UPSTREAM_DELAY_MS } });
    const { response, header, totalMs } = await chat({ stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expectOverheadWithout(header, UPSTREAM_DELAY_MS, totalMs);
  });

  it("leaves a slow upstream's error out of the error answer", async () => {
    bed.stub.enqueue({ kind: 'error', status: 400, delivery: { firstByteDelayMs: UPSTREAM_DELAY_MS } });
    const { response, header, totalMs } = await chat({});
    expect(response.status).toBe(400);
    expectOverheadWithout(header, UPSTREAM_DELAY_MS, totalMs);
  });

  it('leaves out every attempt of a failover', async () => {
    bed.stub.enqueue({ kind: 'error', status: 503, delivery: { firstByteDelayMs: UPSTREAM_DELAY_MS } });
    bed.stub.enqueue({ kind: 'completion', delivery: { firstByteDelayMs: UPSTREAM_DELAY_MS } });
    const { response, header, totalMs } = await chat({ model: failoverModel });
    expect(response.status).toBe(200);
    expectOverheadWithout(header, 2 * UPSTREAM_DELAY_MS, totalMs);
  });

  it("is on the gateway's own refusals too", async () => {
    const { response, header } = await chat({}, 'Bearer agt-not-a-real-token');
    expect(response.status).toBe(401);
    expect(header).toMatch(WELL_FORMED);
  });
});
