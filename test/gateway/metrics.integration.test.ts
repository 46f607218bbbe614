// GET /api/metrics after real gateway traffic: request counts, latency histograms, upstream errors by provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as metrics } from '../../app/api/metrics/route';
import { resetConfigForTests } from '../../lib/config';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';
import { testGateway } from '../helpers/test-gateway';

let stub: UpstreamStub;

beforeAll(async () => {
  stub = await startUpstreamStub();
});
afterAll(async () => {
  await stub.close();
  delete process.env.AXONGATE_METRICS_TOKEN;
  resetConfigForTests();
});

const scrape = async (headers: Record<string, string> = {}) => metrics(new Request('http://localhost/api/metrics', { headers }));

describe('/api/metrics', () => {
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

    const text = await (await scrape()).text();
    expect(text).toContain(`axongate_upstream_errors_total{provider="${failing.name}",reason="http_500"} 1`);
    expect(text).toMatch(/axongate_requests_total\{client_protocol="openai",http_status="200",status="ok",upstream_protocol="openai"\} \d+/);
    expect(text).toMatch(/axongate_request_duration_seconds_count\{client_protocol="openai",upstream_protocol="openai"\} \d+/);
    expect(text).toContain('# TYPE axongate_circuit_open gauge');
    expect(text).toMatch(/^axongate_usage_rows_pending \d+$/m);
    expect(text).toMatch(/^axongate_usage_rows_dropped_total 0$/m);
  });

  it('asks for the bearer when a metrics token is configured', async () => {
    process.env.AXONGATE_METRICS_TOKEN = 'metrics-token-0123456789';
    resetConfigForTests();
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer metrics-token-0123456789' })).status).toBe(200);
  });
});
