// The engine contract (README, "The engine contract"): off unless a secret is configured, fenced by address and secret, and then the
// same routes, keys and usage accounting the gateway uses itself.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { CLIENT_ADDRESS_HEADER } from '../../lib/http/client-address';
import { createEngineContract } from '../../lib/engine-contract';
import { flushTestUsage, testGateway } from '../helpers/test-gateway';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';

const SECRET = 'engine-secret-for-tests-0123456789abcdef';

/** The contract as a server with (or without) AXONGATE_ENGINE_SECRET and the default address list builds it. */
const engine = (secret: string | undefined) =>
  createEngineContract(testGateway(), {
    AXONGATE_ENGINE_SECRET: secret,
    AXONGATE_ENGINE_ALLOWED_IPS: '127.0.0.1,::1,::ffff:127.0.0.1',
    AXONGATE_TRUSTED_PROXIES: '127.0.0.0/8,::1',
  });
const resolve = (request: Request) => engine(SECRET).handleRouteResolve(request);
const telemetryUsage = (request: Request) => engine(SECRET).handleTelemetryUsage(request);
const telemetryErrors = (request: Request) => engine(SECRET).handleTelemetryErrors(request);

function call(handler: (request: Request) => Promise<Response>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return handler(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: '127.0.0.1', authorization: `Bearer ${SECRET}`, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

describe('engine contract', () => {
  it('does not exist while no secret is configured', async () => {
    const response = await call((request) => engine(undefined).handleRouteResolve(request), '/v1/route/resolve', { token: 'x', model: 'y' });
    expect(response.status).toBe(404);
  });

  it('refuses other addresses and a wrong secret', async () => {
    const outsider = await call(resolve, '/v1/route/resolve', { token: 'x', model: 'y' }, { [CLIENT_ADDRESS_HEADER]: '198.51.100.4' });
    expect(outsider.status).toBe(403);
    const wrongSecret = await call(resolve, '/v1/route/resolve', { token: 'x', model: 'y' }, { authorization: 'Bearer nope' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ code: 401, success: false, message: 'Invalid engine secret', data: null });
  });

  it('resolves a user token and model to the ordered routes with their provider keys', async () => {
    const model = uniqueName('engine');
    const primary = await createProvider({ type: 'anthropic', apiUrl: 'http://127.0.0.1:9/primary', keys: ['sk-primary-key-1'] });
    const backup = await createProvider({ type: 'openai', apiUrl: 'http://127.0.0.1:9/backup', keys: ['sk-backup-key-2'] });
    const first = await createModel({ name: model, providerId: primary.id, priority: 0 });
    const second = await createModel({ name: model, providerId: backup.id, priority: 1 });
    const token = await createUserToken();

    const response = await call(resolve, '/v1/route/resolve', { token: token.plaintext, model });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      code: 0,
      success: true,
      message: 'ok',
      data: [
        // Ids as strings: the original engine's RouteConfig decodes them as String (engine-original.integration.test.ts).
        { token: 'sk-primary-key-1', model: first.providerModelName, api: 'http://127.0.0.1:9/primary', protocol: 'anthropic', model_id: String(first.id), provider_id: String(primary.id), provider_token_id: String(primary.keys[0].id) },
        { token: 'sk-backup-key-2', model: second.providerModelName, api: 'http://127.0.0.1:9/backup', protocol: 'openai', model_id: String(second.id), provider_id: String(backup.id), provider_token_id: String(backup.keys[0].id) },
      ],
    });

    const unknownToken = await call(resolve, '/v1/route/resolve', { token: 'sk-ag-unknown', model });
    expect(unknownToken.status).toBe(401);
    const badBody = await call(resolve, '/v1/route/resolve', { model });
    expect(badBody.status).toBe(400);
    expect((await badBody.json()).message).toContain('token');
  });

  it('records reported usage priced from the model row, and refused provider keys', async () => {
    const model = uniqueName('engine-usage');
    const provider = await createProvider({ type: 'openai', apiUrl: 'http://127.0.0.1:9' });
    const route = await createModel({ name: model, providerId: provider.id, inputPrice: '2', outputPrice: '10' });
    const token = await createUserToken();
    const requestId = uniqueName('engine-request');

    const response = await call(telemetryUsage, '/v1/telemetry/usage', {
      events: [
        { request_id: requestId, token: token.plaintext, model, model_id: route.id, input_tokens: 1_000_000, output_tokens: 500_000, latency_ms: 42 },
        { token: 'sk-ag-not-a-token', model, input_tokens: 1 },
      ],
    });
    expect(await response.json()).toMatchObject({ code: 0, data: { recorded: 1, skipped: 1 } });
    await flushTestUsage();
    const row = await db.usage.findUniqueOrThrow({ where: { requestId } });
    expect(row).toMatchObject({ userTokenId: token.id, modelId: route.id, providerId: provider.id, inputTokens: 1_000_000, outputTokens: 500_000, latencyMs: 42 });
    expect(row.totalCost.toString()).toBe('7');

    await call(telemetryErrors, '/v1/telemetry/errors', { provider_token_id: provider.keys[0].id, status: 401, message: 'invalid x-api-key' });
    await expect.poll(async () => (await db.providerToken.findUniqueOrThrow({ where: { id: provider.keys[0].id } })).lastError).toBe(
      'HTTP 401: invalid x-api-key',
    );
  });
});
