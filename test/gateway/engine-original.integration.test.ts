// The original Rust engine (sunSprout/axongate-engine), unmodified, in front of AxonGate: its calls replayed byte for
// byte as its code sends them, over real sockets to the listener the production server mounts, and its answers
// decoded the way its serde structs would decode them.
//
// What the engine does, as read from its sources (not copied here):
// - Its business_api config has only base_url, timeout and retry_attempts, so it sends no bearer. reqwest 0.11 takes
//   credentials written into the URL (http://user:secret@host) out of it and sends them, percent-decoded, as
//   `Authorization: Basic base64(user:secret)`. Besides that a POST with `.json(...)` carries only
//   `content-type: application/json` and `accept: */*`.
// - POST {base_url}/v1/route/resolve with {"token","model"}; on a 2xx it decodes {code: i32, success, message: String,
//   data: Vec<RouteConfig>}, where RouteConfig is {token, model, api, protocol: "openai"|"anthropic", model_id,
//   provider_id, provider_token_id}, every one a String.
// - POST {base_url}/v1/telemetry/usage with {request_id, token, model, api, input_tokens, output_tokens, model_id,
//   provider_id, provider_token_id}: ids are the strings of the route; `model` is the name the client asked for on a
//   plain request but the route's (upstream) model on a stream, and a stream may be reported twice under one
//   request_id (on message_stop and again when the stream ends).
// - POST {base_url}/v1/telemetry/errors with {token (the provider key), model, api, msg, provider_token_id?}.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import { db } from '../../lib/db';
import { createEngineContract } from '../../lib/engine-contract';
import { CLIENT_ADDRESS_HEADER } from '../../lib/http/client-address';
import { createServerNodeListener } from '../../lib/server';
import { serverRuntime } from '../../lib/server/runtime';
import { closeTestGateways, flushTestUsage, testGateway } from '../helpers/test-gateway';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';

/** With the characters a URL's password must percent-encode, and a colon, which Basic auth keeps after the first one. */
const SECRET = 'engine:secret@with/odd=chars-0123456789abcdef';
const LOOPBACK_IPS = '127.0.0.1,::1,::ffff:127.0.0.1';

type EngineSettings = Partial<Pick<AppConfig, 'AXONGATE_ENGINE_SECRET' | 'AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET' | 'AXONGATE_ENGINE_ALLOWED_IPS'>>;
type Instance = { port: number; close: () => Promise<void> };
const instances: Instance[] = [];

/** An instance as `npm start` serves it: the production listener (lib/server/node-listener.ts) with these settings. */
async function serveInstance(settings: EngineSettings, host = '127.0.0.1'): Promise<Instance> {
  const runtime = serverRuntime();
  const config: AppConfig = {
    ...runtime.config,
    AXONGATE_ENGINE_SECRET: undefined,
    AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: false,
    AXONGATE_ENGINE_ALLOWED_IPS: LOOPBACK_IPS,
    AXONGATE_TRUSTED_PROXIES: '127.0.0.0/8,::1',
    ...settings,
  };
  const listener = createServerNodeListener({ ...runtime, config, engine: createEngineContract(testGateway(), config) });
  const server = createServer((req, res) => {
    delete req.headers[CLIENT_ADDRESS_HEADER]; // what scripts/server.mjs does first with every request
    if (!listener(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const instance = {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  instances.push(instance);
  return instance;
}

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
  await closeTestGateways();
});

type Answer = { status: number; text: string };

/**
 * `client.post(format!("{base_url}{path}")).json(&body).send()` as reqwest 0.11 sends it: URL credentials become
 * Basic auth and leave the URL; `json` is what serde_json writes for the struct (fields in declaration order).
 */
function enginePost(baseUrl: string, path: string, json: string, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(`${baseUrl}${path}`);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: '*/*', 'content-length': String(Buffer.byteLength(json)) };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { ...headers, ...extraHeaders }, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end(json);
  });
}

const baseUrlOf = (instance: Instance, credentials = '') => `http://${credentials}127.0.0.1:${instance.port}`;
const withSecret = (instance: Instance, user = 'engine') => baseUrlOf(instance, `${user}:${encodeURIComponent(SECRET)}@`);

// The engine's serde structs as decoders: `String` takes no number, an enum only its lower-case names, unknown
// fields are ignored.
const i32 = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
const routeConfig = z.object({
  token: z.string(),
  model: z.string(),
  api: z.string(),
  protocol: z.union([z.enum(['openai', 'anthropic']), z.object({ custom: z.string() })]),
  model_id: z.string(),
  provider_id: z.string(),
  provider_token_id: z.string(),
});
const routeResponse = z.object({ code: i32, success: z.boolean(), message: z.string(), data: z.array(routeConfig) });
const telemetryResponse = z.object({ code: i32, success: z.boolean(), message: z.string(), data: z.unknown().optional() });
type RouteConfig = z.infer<typeof routeConfig>;

/** What the engine's router does with the answer: decode on 2xx (a failure loses the request), else give up. */
function decodeRoutes(answer: Answer): RouteConfig[] {
  expect(answer.status, answer.text).toBe(200);
  const decoded = routeResponse.parse(JSON.parse(answer.text));
  expect(decoded.success).toBe(true);
  return decoded.data;
}

function resolveJson(token: string, model: string): string {
  return JSON.stringify({ token, model });
}

async function engineRoute(options: { type?: 'openai' | 'anthropic'; inputPrice?: string; outputPrice?: string } = {}) {
  const name = uniqueName('engine-original');
  const key = `sk-provider-${uniqueName('key')}`;
  const provider = await createProvider({ type: options.type ?? 'anthropic', apiUrl: 'http://127.0.0.1:9/v1', keys: [key] });
  const model = await createModel({ name, providerId: provider.id, inputPrice: options.inputPrice, outputPrice: options.outputPrice });
  const token = await createUserToken();
  return { name, key, provider, model, token };
}

/** Its UsageEvent for a route it was given, serialised in the struct's field order. */
function usageJson(event: { requestId: string; token: string; model: string; route: RouteConfig; input: number; output: number }): string {
  return JSON.stringify({
    request_id: event.requestId,
    token: event.token,
    model: event.model,
    api: event.route.api,
    input_tokens: event.input,
    output_tokens: event.output,
    model_id: event.route.model_id,
    provider_id: event.route.provider_id,
    provider_token_id: event.route.provider_token_id,
  });
}

/** Every refusal and bad input: the contract's envelope, a clear message, and neither secret nor key in it. */
function expectEnvelopeError(answer: Answer, status: number, message: string | RegExp, mustNotContain: string[] = []) {
  expect(answer.status, answer.text).toBe(status);
  const body = JSON.parse(answer.text) as { code: number; success: boolean; message: string; data: unknown };
  expect(body).toMatchObject({ code: status, success: false, data: null });
  expect(body.message).toMatch(message);
  for (const secret of [SECRET, encodeURIComponent(SECRET), ...mustNotContain]) expect(answer.text).not.toContain(secret);
}

describe('the original engine with the secret in its base_url', () => {
  it('authenticates with Basic auth (any user name) and decodes the routes, ids as strings', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const { name, key, provider, model, token } = await engineRoute();

    for (const user of ['engine', 'anything-else']) {
      const routes = decodeRoutes(await enginePost(withSecret(instance, user), '/v1/route/resolve', resolveJson(token.plaintext, name)));
      expect(routes).toEqual([
        {
          token: key,
          model: model.providerModelName,
          api: 'http://127.0.0.1:9/v1',
          protocol: 'anthropic',
          model_id: String(model.id),
          provider_id: String(provider.id),
          provider_token_id: String(provider.keys[0].id),
        },
      ]);
    }
  });

  it('refuses a wrong password, a missing one and a secret given as the user name', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const body = resolveJson('sk-ag-whatever', 'whatever');
    for (const baseUrl of [baseUrlOf(instance, 'engine:wrong-secret@'), baseUrlOf(instance), baseUrlOf(instance, `${encodeURIComponent(SECRET)}@`)]) {
      expectEnvelopeError(await enginePost(baseUrl, '/v1/route/resolve', body), 401, 'Invalid engine secret');
    }
  });

  it('records its usage of a plain request: string ids, the provider key it used, priced from the model row', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const { name, provider, model, token } = await engineRoute({ inputPrice: '2', outputPrice: '10' });
    const [route] = decodeRoutes(await enginePost(withSecret(instance), '/v1/route/resolve', resolveJson(token.plaintext, name)));
    const requestId = crypto.randomUUID();

    const answer = await enginePost(withSecret(instance), '/v1/telemetry/usage', usageJson({ requestId, token: token.plaintext, model: name, route, input: 1_000_000, output: 500_000 }));
    expect(answer.status, answer.text).toBe(200);
    expect(telemetryResponse.parse(JSON.parse(answer.text))).toMatchObject({ code: 0, success: true, data: { recorded: 1, skipped: 0 } });

    await flushTestUsage();
    const row = await db.usage.findUniqueOrThrow({ where: { requestId } });
    expect(row).toMatchObject({
      userTokenId: token.id,
      modelName: name,
      modelId: model.id,
      providerId: provider.id,
      providerTokenId: provider.keys[0].id,
      providerModelName: model.providerModelName,
      inputTokens: 1_000_000,
      outputTokens: 500_000,
    });
    expect(row.totalCost.toString()).toBe('7');
  });

  it('keeps the public name for a stream reported under the upstream model name, once though reported twice', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const { name, provider, model, token } = await engineRoute();
    const [route] = decodeRoutes(await enginePost(withSecret(instance), '/v1/route/resolve', resolveJson(token.plaintext, name)));
    const requestId = crypto.randomUUID();
    // The stream collector reports with the route's model, on message_stop and again when the stream ends.
    const event = usageJson({ requestId, token: token.plaintext, model: route.model, route, input: 25, output: 15 });
    const answers = await Promise.all([enginePost(withSecret(instance), '/v1/telemetry/usage', event), enginePost(withSecret(instance), '/v1/telemetry/usage', event)]);
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);

    await flushTestUsage();
    const rows = await db.usage.findMany({ where: { requestId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      modelName: name,
      providerModelName: model.providerModelName,
      modelId: model.id,
      providerId: provider.id,
      providerTokenId: provider.keys[0].id,
      inputTokens: 25,
      outputTokens: 15,
    });
  });

  it('keeps an upstream refusal it reports with msg and a string key id as the key\'s last error, the key blanked out', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const { name, key, provider, token } = await engineRoute();
    const [route] = decodeRoutes(await enginePost(withSecret(instance), '/v1/route/resolve', resolveJson(token.plaintext, name)));
    const msg = `Proxy error: Upstream returned error status 401 Unauthorized: {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key ${key}"}}`;
    const errorJson = JSON.stringify({ token: route.token, model: route.model, api: route.api, msg, provider_token_id: route.provider_token_id });

    const answer = await enginePost(withSecret(instance), '/v1/telemetry/errors', errorJson);
    expect(answer.status, answer.text).toBe(200);
    expect(telemetryResponse.parse(JSON.parse(answer.text))).toMatchObject({ code: 0, success: true, data: { recorded: 1, skipped: 0 } });
    expect(answer.text).not.toContain(key);

    const stored = async () => (await db.providerToken.findUniqueOrThrow({ where: { id: provider.keys[0].id } })).lastError;
    await expect.poll(stored).toContain('Proxy error: Upstream returned error status 401 Unauthorized');
    expect(await stored()).toContain('invalid x-api-key [redacted]');
    expect(await stored()).not.toContain(key);
  });

  it('answers bad input with a 400 in the envelope naming the field, never a 500, without echoing a secret', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const { name, key, token } = await engineRoute();
    const [route] = decodeRoutes(await enginePost(withSecret(instance), '/v1/route/resolve', resolveJson(token.plaintext, name)));
    const usage = (overrides: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(usageJson({ requestId: crypto.randomUUID(), token: token.plaintext, model: name, route, input: 1, output: 1 })), ...overrides });
    const error = (overrides: Record<string, unknown>) => JSON.stringify({ token: key, model: route.model, api: route.api, msg: 'Proxy error: boom', provider_token_id: route.provider_token_id, ...overrides });

    const cases: [string, string, RegExp][] = [
      ['/v1/telemetry/usage', usage({ model_id: 'twelve' }), /^model_id: model_id must be an id/],
      ['/v1/telemetry/usage', usage({ provider_token_id: '99999999999' }), /^provider_token_id: provider_token_id must be an id/],
      ['/v1/telemetry/usage', usage({ provider_id: true }), /^provider_id: provider_id must be an id/],
      ['/v1/telemetry/usage', usage({ model_id: '-3' }), /^model_id: /],
      ['/v1/telemetry/usage', usage({ input_tokens: 'many' }), /^input_tokens: /],
      ['/v1/telemetry/usage', JSON.stringify({ events: [JSON.parse(usage({})), JSON.parse(usage({ model_id: 1.5 }))] }), /^events\.1\.model_id: /],
      ['/v1/telemetry/errors', error({ msg: undefined }), /^message: message \(or msg\) is required$/],
      ['/v1/telemetry/errors', error({ provider_token_id: '12x' }), /^provider_token_id: provider_token_id must be an id/],
      ['/v1/telemetry/errors', '{"msg": ', /^The body must be valid JSON$/],
      ['/v1/telemetry/usage', 'null', /^body: /],
      ['/v1/route/resolve', '[]', /^body: /],
    ];
    for (const [path, body, message] of cases) {
      expectEnvelopeError(await enginePost(withSecret(instance), path, body), 400, message, [key, token.plaintext]);
    }
  });

  it('skips an error event that names no provider key: it says nothing about one', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_SECRET: SECRET });
    const answer = await enginePost(withSecret(instance), '/v1/telemetry/errors', JSON.stringify({ token: 'sk-provider-x', model: 'm', api: 'http://127.0.0.1:9', msg: 'HTTP error: timed out' }));
    expect(answer.status, answer.text).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 0, data: { recorded: 0, skipped: 1 } });
  });
});

/** This machine's IPv4 addresses that are not loopback: a connection to one has that address as its peer. */
const OUTSIDE_IPV4 = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
  .map((entry) => entry!.address);

describe('AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET', () => {
  it('is off by default: without a secret the contract does not exist, from loopback too', async () => {
    const instance = await serveInstance({});
    const { name, token } = await engineRoute();
    for (const baseUrl of [baseUrlOf(instance), withSecret(instance)]) {
      expectEnvelopeError(await enginePost(baseUrl, '/v1/route/resolve', resolveJson(token.plaintext, name)), 404, 'Not found');
    }
  });

  it('when on, serves the engine with a plain base_url from 127.0.0.1: routes and usage', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: true });
    const { name, provider, token } = await engineRoute();
    const [route] = decodeRoutes(await enginePost(baseUrlOf(instance), '/v1/route/resolve', resolveJson(token.plaintext, name)));
    expect(route.provider_token_id).toBe(String(provider.keys[0].id));

    const requestId = crypto.randomUUID();
    const answer = await enginePost(baseUrlOf(instance), '/v1/telemetry/usage', usageJson({ requestId, token: token.plaintext, model: name, route, input: 3, output: 4 }));
    expect(answer.status, answer.text).toBe(200);
    await flushTestUsage();
    expect(await db.usage.findUniqueOrThrow({ where: { requestId } })).toMatchObject({ modelName: name, providerTokenId: provider.keys[0].id });
  });

  it('does not take a call a proxy relayed as a loopback call: Caddy on this host, or any forwarding header', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: true });
    const { name, key, token } = await engineRoute();
    const body = resolveJson(token.plaintext, name);
    // Caddy's reverse_proxy names the outside client: that address is the caller, and it is not allowed.
    const caddy = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gateway.example.com' };
    expectEnvelopeError(await enginePost(baseUrlOf(instance), '/v1/route/resolve', body, caddy), 403, 'This address may not call the engine contract', [key]);
    // A relayed call that names a local client is still a relayed one.
    const relayed: [string, string][] = [
      ['x-forwarded-for', '127.0.0.1'],
      ['forwarded', 'for=127.0.0.1;proto=http'],
      ['x-real-ip', '127.0.0.1'],
      ['x-forwarded-host', 'localhost'],
      ['via', '1.1 caddy'],
    ];
    for (const [header, value] of relayed) {
      const answer = await enginePost(baseUrlOf(instance), '/v1/route/resolve', body, { [header]: value });
      expectEnvelopeError(answer, 403, `the request carries ${header}, so a proxy relayed it`, [key]);
    }
  });

  it('with a secret configured too, a relayed call needs the secret and a direct one does not', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: true, AXONGATE_ENGINE_SECRET: SECRET });
    const { name, token } = await engineRoute();
    const body = resolveJson(token.plaintext, name);
    const relayed = { 'x-forwarded-for': '127.0.0.1' };
    expect(decodeRoutes(await enginePost(baseUrlOf(instance), '/v1/route/resolve', body))).toHaveLength(1);
    expectEnvelopeError(await enginePost(baseUrlOf(instance), '/v1/route/resolve', body, relayed), 401, /^Send the engine secret: the request carries x-forwarded-for/);
    expect(decodeRoutes(await enginePost(withSecret(instance), '/v1/route/resolve', body, relayed))).toHaveLength(1);
    // A wrong secret is refused rather than ignored, loopback or not.
    expectEnvelopeError(await enginePost(baseUrlOf(instance, 'engine:wrong@'), '/v1/route/resolve', body), 401, 'Invalid engine secret');
  });

  it('still checks AXONGATE_ENGINE_ALLOWED_IPS against the socket, whatever address header the client forges', async () => {
    const instance = await serveInstance({ AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: true, AXONGATE_ENGINE_ALLOWED_IPS: '198.51.100.4' });
    const forged = { [CLIENT_ADDRESS_HEADER]: '198.51.100.4' };
    expectEnvelopeError(await enginePost(baseUrlOf(instance), '/v1/route/resolve', resolveJson('sk-ag-x', 'x'), forged), 403, 'This address may not call the engine contract');
  });

  it('is not available where the socket cannot be seen (the app/v1 route files under Next)', async () => {
    const engine = createEngineContract(testGateway(), {
      AXONGATE_ENGINE_SECRET: undefined,
      AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: true,
      AXONGATE_ENGINE_ALLOWED_IPS: LOOPBACK_IPS,
      AXONGATE_TRUSTED_PROXIES: '127.0.0.0/8,::1',
    });
    const response = await engine.handleRouteResolve(
      new Request('http://localhost/v1/route/resolve', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '127.0.0.1' },
        body: resolveJson('sk-ag-x', 'x'),
      }),
    );
    expectEnvelopeError({ status: response.status, text: await response.text() }, 403, /only direct loopback connections to the production server/);
  });

  it.skipIf(OUTSIDE_IPV4.length === 0)('refuses a call from this machine\'s other addresses: they are not loopback', async () => {
    const [address] = OUTSIDE_IPV4;
    const instance = await serveInstance({ AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET: true, AXONGATE_ENGINE_ALLOWED_IPS: `${LOOPBACK_IPS},${address}` }, '0.0.0.0');
    const answer = await enginePost(`http://${address}:${instance.port}`, '/v1/route/resolve', resolveJson('sk-ag-x', 'x'));
    expectEnvelopeError(answer, 403, 'without the secret, only connections from loopback are accepted');
  });
});
