// "Import models": the provider's own GET /v1/models through the admin API, against loopback stubs, and routes
// created for the chosen ones with the catalogue's prices.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listUpstream, POST as importModels } from '../../app/api/v1/providers/[id]/models/route';
import { POST as addKey } from '../../app/api/v1/provider-tokens/route';
import { POST as createProvider } from '../../app/api/v1/providers/route';
import { db } from '../../lib/db';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';
import { startHostileUpstream, type HostileUpstream } from './hostile-upstream';

const KEY = `sk-live-${randomBytes(12).toString('hex')}`;

describe('GET and POST /api/v1/providers/{id}/models', () => {
  let admin: TestUser;
  let user: TestUser;
  let stub: UpstreamStub;
  let hostile: HostileUpstream;

  beforeAll(async () => {
    await ensurePolicies();
    [admin, user] = await Promise.all([createTestUser('admin'), createTestUser('user')]);
    stub = await startUpstreamStub({ apiKey: KEY, models: ['claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022', 'house-model-7b'] });
    hostile = await startHostileUpstream();
  });
  afterAll(async () => {
    await stub?.close();
    await hostile?.close();
  });

  async function providerWithKey(apiUrl: string, modelType = 'anthropic') {
    const created = await callRoute(createProvider, '/api/v1/providers', {
      method: 'POST',
      headers: admin.headers,
      body: { name: `import-${randomBytes(4).toString('hex')}`, model_type: modelType, api_url: apiUrl },
    });
    await callRoute(addKey, '/api/v1/provider-tokens', { method: 'POST', headers: admin.headers, body: { provider_id: created.json.data.id, token: KEY } });
    return created.json.data.id as number;
  }

  const list = (id: number, who = admin) => callRoute(listUpstream, `/api/v1/providers/${id}/models`, { headers: who.headers, params: { id: String(id) } });
  const importChosen = (id: number, body: unknown) =>
    callRoute(importModels, `/api/v1/providers/${id}/models`, { method: 'POST', headers: admin.headers, params: { id: String(id) }, body });

  it("lists an Anthropic provider's own /v1/models with catalogue prices, through its key", async () => {
    const id = await providerWithKey(stub.url);
    stub.reset();
    const response = await list(id);
    expect(response.status).toBe(200);
    expect(response.json.data.models).toEqual([
      { id: 'claude-sonnet-4-20250514', catalogue_prices: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, routed_as: [] },
      { id: 'claude-3-5-haiku-20241022', catalogue_prices: expect.objectContaining({ input: 0.8, output: 4 }), routed_as: [] },
      { id: 'house-model-7b', catalogue_prices: null, routed_as: [] },
    ]);
    const request = await stub.nextRequest();
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request.headers['x-api-key']).toBe(KEY);
  });

  it('creates routes for the chosen models with catalogue prices, and 0 for a model the catalogue does not know', async () => {
    const id = await providerWithKey(stub.url);
    const response = await importChosen(id, { models: [{ provider_model_name: 'claude-sonnet-4-20250514', name: `sonnet-${id}` }, { provider_model_name: 'house-model-7b' }] });
    expect(response.status).toBe(200);
    expect(response.json.data.models).toMatchObject([
      { name: `sonnet-${id}`, provider_model_name: 'claude-sonnet-4-20250514', input_price: 3, output_price: 15, cache_write_price: 3.75 },
      { name: 'house-model-7b', provider_model_name: 'house-model-7b', input_price: 0, output_price: 0, cache_write_price: null },
    ]);
    expect((await list(id)).json.data.models.find((model: { id: string }) => model.id === 'claude-sonnet-4-20250514').routed_as).toEqual([`sonnet-${id}`]);
    expect(await db.auditLog.count({ where: { action: 'import', target: 'ai_model', actorId: admin.id } })).toBeGreaterThanOrEqual(2);
  });

  it('refuses to import a model twice under one name (409) and creates none of that request', async () => {
    const id = await providerWithKey(stub.url);
    await importChosen(id, { models: [{ provider_model_name: 'house-model-7b' }] });
    const again = await importChosen(id, { models: [{ provider_model_name: 'claude-3-5-haiku-20241022' }, { provider_model_name: 'house-model-7b' }] });
    expect(again.status).toBe(409);
    expect(await db.aiModel.count({ where: { providerId: id } })).toBe(1);
  });

  it('refuses an empty choice (400) and a user without the manager role (403)', async () => {
    const id = await providerWithKey(stub.url);
    const empty = await importChosen(id, { models: [] });
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toEqual([{ field: 'models', message: 'models must name at least one model' }]);
    expect((await list(id, user)).status).toBe(403);
  });

  it('answers 502 with the sanitised message when the provider refuses, never echoing the key', async () => {
    const id = await providerWithKey(hostile.url, 'openai');
    hostile.answer({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }) });
    const response = await list(id);
    expect(response.status).toBe(502);
    expect(response.json.message).toMatch(/^The provider's model list answered HTTP 401/);
    expect(JSON.stringify(response.json)).not.toContain(KEY);
  });

  it('answers 502 for a model list that is not {data: [{id}]} JSON', async () => {
    const id = await providerWithKey(hostile.url, 'openai');
    hostile.answer({ status: 200, contentType: 'text/html', body: '<html>login</html>' });
    const response = await list(id);
    expect(response.status).toBe(502);
    expect(response.json.message).toBe("The provider's model list is not a {data: [{id}]} JSON object");
  });
});
