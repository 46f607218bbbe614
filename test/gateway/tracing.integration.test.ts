// With tracing on, a model request is one server span with a client span per upstream attempt, exported over
// OTLP/HTTP (JSON) to the collector; no exported byte holds a user token, a provider key or the conversation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processLogger } from '../../lib/log';
import { startTracing } from '../../lib/tracing';
import { useFreshTestGateway } from '../helpers/test-gateway';
import { createModel, createProvider, createUserToken, uniqueName, type ProviderFixture, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const CONVERSATION = 'the secret plan is under the third stone';

/** OTLP/JSON as the exporter sends it (ids in hex, enums as numbers). */
type OtlpValue = { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: OtlpAttribute[]; status?: { code?: number } };
type OtlpExport = { resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] };

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_CODE_ERROR = 2;

/** A minimal OTLP/HTTP collector on loopback: keeps every body POSTed to /v1/traces. */
async function startCollector() {
  const bodies: { contentType: string | undefined; text: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const bytes = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push({ contentType: req.headers['content-type'], text: bytes.toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function attributesOf(list: OtlpAttribute[]): Record<string, string | number | boolean | undefined> {
  return Object.fromEntries(
    list.map(({ key, value }) => [key, value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue)) ?? value.boolValue ?? value.doubleValue]),
  );
}

const bed = setUpGatewayTestbed({ serve: true });
let collector: Awaited<ReturnType<typeof startCollector>>;
let token: TokenFixture;
let failing: ProviderFixture;
let healthy: ProviderFixture;
const model = uniqueName('traced');

beforeAll(async () => {
  collector = await startCollector();
  failing = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  healthy = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: failing.id, priority: 0 });
  await createModel({ name: model, providerId: healthy.id, priority: 1 });
  token = await createUserToken();
});
afterAll(async () => {
  await collector.close();
});

describe('OpenTelemetry traces', () => {
  it('exports one request span with a child span per upstream attempt, and no secret or conversation', async () => {
    const tracing = startTracing({ url: `${collector.url}/v1/traces`, serviceName: 'axongate-test' }, processLogger);
    await tracing.ready;
    useFreshTestGateway({ tracer: tracing.tracer });
    const client = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    bed.stub.enqueue({ kind: 'error', status: 503 });
    const answer = await client.chat.completions.create({ model, messages: [{ role: 'user', content: CONVERSATION }] });
    // Shutting down exports what the batching processor still holds.
    await tracing.shutdown();

    expect(collector.bodies.length).toBeGreaterThan(0);
    expect(collector.bodies.every((body) => body.contentType?.startsWith('application/json'))).toBe(true);
    const exports = collector.bodies.map((body) => JSON.parse(body.text) as OtlpExport);
    const resources = exports.flatMap((data) => data.resourceSpans);
    expect(resources.every((resource) => attributesOf(resource.resource.attributes)['service.name'] === 'axongate-test')).toBe(true);
    const spans = resources.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));

    const requests = spans.filter((span) => span.kind === SPAN_KIND_SERVER);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.name).toBe('POST /v1/chat/completions');
    expect(request.parentSpanId ?? '').toBe('');
    expect(attributesOf(request.attributes)).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
      'axongate.request_id': answer._request_id,
      'axongate.model': model,
      'axongate.client_protocol': 'openai',
      'axongate.stream': false,
      'axongate.status': 'ok',
      'axongate.token_id': token.id,
      'axongate.user_id': token.userId,
      'axongate.attempts': 2,
    });

    const attempts = spans.filter((span) => span.kind === SPAN_KIND_CLIENT);
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.traceId).toBe(request.traceId);
      expect(attempt.parentSpanId).toBe(request.spanId);
      expect(attempt.name).toBe('upstream attempt');
    }
    const byProvider = new Map(attempts.map((attempt) => [attributesOf(attempt.attributes)['axongate.provider.id'], attempt]));
    const failed = byProvider.get(failing.id)!;
    const answered = byProvider.get(healthy.id)!;
    expect(attributesOf(failed.attributes)).toMatchObject({
      'axongate.provider.name': failing.name,
      'axongate.provider_token_id': failing.keys[0].id,
      'axongate.upstream_protocol': 'openai',
      'http.response.status_code': 503,
      'axongate.outcome': 'failed',
      'axongate.reason': 'HTTP 503',
    });
    expect(failed.status?.code).toBe(STATUS_CODE_ERROR);
    expect(attributesOf(answered.attributes)).toMatchObject({
      'axongate.provider.name': healthy.name,
      'axongate.provider_token_id': healthy.keys[0].id,
      'axongate.upstream_protocol': 'anthropic',
      'http.response.status_code': 200,
      'axongate.outcome': 'answered',
    });
    expect(answered.status?.code ?? 0).not.toBe(STATUS_CODE_ERROR);

    const everything = collector.bodies.map((body) => body.text).join('\n');
    for (const secret of [token.plaintext, ...failing.keys.map((key) => key.key), ...healthy.keys.map((key) => key.key), CONVERSATION, 'Echo:']) {
      expect(everything).not.toContain(secret);
    }
  });
});
