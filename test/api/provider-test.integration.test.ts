import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as addKey } from '../../app/api/v1/provider-tokens/route';
import { POST as testProvider } from '../../app/api/v1/providers/[id]/test/route';
import { POST as createProvider } from '../../app/api/v1/providers/route';
import { db } from '../../lib/db';
import { sealSecret } from '../../lib/secrets';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';

const KEY = `sk-live-${randomBytes(12).toString('hex')}`;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('POST /api/v1/providers/{id}/test', () => {
  let admin: TestUser;
  let manager: TestUser;
  let stub: UpstreamStub;

  beforeAll(async () => {
    await ensurePolicies();
    [admin, manager] = await Promise.all([createTestUser('admin'), createTestUser('manager')]);
    stub = await startUpstreamStub({ apiKey: KEY, models: ['gpt-4o-mini', 'gpt-4.1', 'claude-haiku-4-5'] });
  });

  afterAll(async () => {
    await stub?.close();
  });

  async function providerWithKey(fields: { model_type?: string; api_url: string; timeout_ms?: number }, key: string | null = KEY) {
    const name = `test-${randomBytes(4).toString('hex')}`;
    const created = await callRoute(createProvider, '/api/v1/providers', {
      method: 'POST',
      headers: admin.headers,
      body: { name, model_type: 'openai', ...fields },
    });
    expect(created.status).toBe(200);
    if (key !== null) {
      const added = await callRoute(addKey, '/api/v1/provider-tokens', {
        method: 'POST',
        headers: admin.headers,
        body: { provider_id: created.json.data.id, token: key },
      });
      expect(added.status).toBe(200);
    }
    return created.json.data.id as number;
  }

  const runTest = (id: number | string, body: unknown = {}, who = manager) =>
    callRoute(testProvider, `/api/v1/providers/${id}/test`, { method: 'POST', headers: who.headers, params: { id: String(id) }, body });

  it('lists the models through the first active key, tolerating a trailing /v1', async () => {
    const id = await providerWithKey({ api_url: `${stub.url}/v1/` });
    stub.reset();
    const response = await runTest(id);
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({ ok: true, latency_ms: expect.any(Number), status: 200, message: '3 models available' });
    const request = await stub.nextRequest();
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('sends a 1-token completion when a model is given, in the provider’s own protocol', async () => {
    const openai = await providerWithKey({ api_url: stub.url });
    stub.reset();
    const viaOpenAi = await runTest(openai, { model: 'gpt-4.1' });
    expect(viaOpenAi.json.data).toMatchObject({ ok: true, status: 200, message: 'gpt-4.1 answered' });
    const chat = await stub.nextRequest();
    expect(chat).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'gpt-4.1', max_tokens: 1 } });

    const anthropic = await providerWithKey({ model_type: 'anthropic', api_url: stub.url });
    const viaAnthropic = await runTest(anthropic, { model: 'claude-haiku-4-5' });
    expect(viaAnthropic.json.data).toMatchObject({ ok: true, status: 200, message: 'claude-haiku-4-5 answered' });
    const messages = await stub.nextRequest();
    expect(messages).toMatchObject({ path: '/v1/messages', body: { model: 'claude-haiku-4-5', max_tokens: 1 } });
    expect(messages.headers['x-api-key']).toBe(KEY);
    expect(messages.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('reports the provider’s error for a rejected key, and never the key', async () => {
    const wrongKey = `sk-wrong-${randomBytes(12).toString('hex')}`;
    const id = await providerWithKey({ api_url: stub.url }, wrongKey);
    const response = await runTest(id);
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({
      ok: false,
      latency_ms: expect.any(Number),
      status: 401,
      message: 'HTTP 401: Incorrect API key provided.',
    });
    expect(response.text).not.toContain(wrongKey);
  });

  it('blanks the key when the provider echoes it back', async () => {
    const id = await providerWithKey({ api_url: stub.url });
    stub.enqueue({ kind: 'error', status: 403, message: `Key ${KEY} is not allowed to list models` });
    const response = await runTest(id);
    expect(response.json.data).toMatchObject({ ok: false, status: 403, message: 'HTTP 403: Key [redacted] is not allowed to list models' });
    expect(response.text).not.toContain(KEY);
  });

  it('reports an unreachable provider and one that answers after its timeout', async () => {
    const unreachable = await providerWithKey({ api_url: `http://127.0.0.1:${await closedPort()}` });
    const refused = await runTest(unreachable);
    expect(refused.json.data).toEqual({
      ok: false,
      latency_ms: expect.any(Number),
      status: null,
      message: expect.stringMatching(/could not be reached: connect error \(ECONNREFUSED\)$/),
    });

    const slow = await providerWithKey({ api_url: stub.url, timeout_ms: 1000 });
    stub.enqueue({ kind: 'completion', delivery: { firstByteDelayMs: 3000 } });
    const late = await runTest(slow, { model: 'gpt-4o-mini' });
    expect(late.json.data).toMatchObject({ ok: false, status: null, message: expect.stringContaining('no response before the timeout') });
    expect(late.json.data.latency_ms).toBeGreaterThanOrEqual(900);
    expect(late.json.data.latency_ms).toBeLessThan(2900);
  });

  it('answers 404 for an unknown provider and 409 when it has no active key', async () => {
    const missing = await runTest(987654);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ code: 404, message: 'provider 987654 not found' });

    const keyless = await providerWithKey({ api_url: stub.url }, null);
    // Stored sealed like every key: other tests (the vault rotation) open every row.
    await db.providerToken.create({ data: { providerId: keyless, token: await sealSecret('inactive-key'), tokenHint: '', active: false } });
    const conflict = await runTest(keyless);
    expect(conflict.status).toBe(409);
    expect(conflict.json).toEqual({ code: 409, message: 'provider has no active key' });
  });

  it('answers 400 for an empty model name', async () => {
    const id = await providerWithKey({ api_url: stub.url });
    const response = await runTest(id, { model: ' ' });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ field: 'model', message: 'model must not be empty' }]);
  });
});
