import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as remove, GET as getOne, PUT as update } from '../../app/api/v1/ai-models/[id]/route';
import { PATCH as setStatus, POST as setStatusByPost } from '../../app/api/v1/ai-models/[id]/status/route';
import { GET as list, POST as create } from '../../app/api/v1/ai-models/route';
import { GET as catalogue } from '../../app/api/v1/ai-models/catalogue/route';
import { DELETE as removeProvider } from '../../app/api/v1/providers/[id]/route';
import { db } from '../../lib/db';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const suffix = () => randomBytes(4).toString('hex');

describe('ai-models API', () => {
  let manager: TestUser;
  let openai: { id: number; name: string };
  let anthropic: { id: number; name: string };

  beforeAll(async () => {
    await ensurePolicies();
    manager = await createTestUser('manager');
    openai = await db.provider.create({ data: { name: `oa-${suffix()}`, modelType: 'openai', apiUrl: 'https://api.openai.com' } });
    anthropic = await db.provider.create({ data: { name: `an-${suffix()}`, modelType: 'anthropic', apiUrl: 'https://api.anthropic.com' } });
  });

  const addModel = (body: unknown) => callRoute(create, '/api/v1/ai-models', { method: 'POST', headers: manager.headers, body });
  const withId = (id: number) => ({ headers: manager.headers, params: { id: String(id) } });

  it('creates a route with defaults and answers every wire field, prices as numbers', async () => {
    const name = `gpt-${suffix()}`;
    const response = await addModel({ name, provider_id: openai.id, input_price: 2.5, output_price: 10, cache_read_price: 1.25 });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      code: 0,
      message: 'ok',
      data: {
        id: expect.any(Number),
        name,
        provider_id: openai.id,
        provider_name: openai.name,
        provider_model_name: name,
        status: 'active',
        priority: 0,
        weight: 1,
        input_price: 2.5,
        output_price: 10,
        cache_read_price: 1.25,
        cache_write_price: null,
        currency: 'USD',
        capability_defaults: expect.objectContaining({ toolDescriptionMaxChars: 1024, structuredOutputs: 'strict' }),
        capability_overrides: {},
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      },
    });
  });

  it('lets one public name route to several providers, and filters the list', async () => {
    const name = `shared-${suffix()}`;
    await addModel({ name, provider_id: openai.id, provider_model_name: 'gpt-4o', priority: 0 });
    await addModel({ name, provider_id: String(anthropic.id), provider_model_name: 'claude-sonnet-4', priority: 1, status: 'disabled' });

    const both = await callRoute(list, `/api/v1/ai-models?name=${name}`, { headers: manager.headers });
    expect(both.json.data).toMatchObject({ total: 2, page: 1, page_size: 1000 });
    expect(both.json.data.models).toEqual(both.json.data.items);
    expect(both.json.data.items.map((model: { provider_model_name: string }) => model.provider_model_name)).toEqual(['gpt-4o', 'claude-sonnet-4']);

    const active = await callRoute(list, `/api/v1/ai-models?name=${name}&status=active`, { headers: manager.headers });
    expect(active.json.data.items.map((model: { provider_id: number }) => model.provider_id)).toEqual([openai.id]);

    const byProvider = await callRoute(list, `/api/v1/ai-models?name=${name}&provider_id=${anthropic.id}&page_size=1`, { headers: manager.headers });
    expect(byProvider.json.data.items).toHaveLength(1);
    expect(byProvider.json.data.items[0].provider_name).toBe(anthropic.name);

    const badFilter = await callRoute(list, '/api/v1/ai-models?status=paused', { headers: manager.headers });
    expect(badFilter.status).toBe(400);
    expect(badFilter.json.errors).toEqual([{ field: 'status', message: 'status must be active or disabled' }]);
  });

  it('reads, updates, sets status and deletes a route, auditing each write', async () => {
    const created = (await addModel({ name: `m-${suffix()}`, provider_id: openai.id })).json.data;
    const path = `/api/v1/ai-models/${created.id}`;
    expect((await callRoute(getOne, path, withId(created.id))).json.data).toEqual(created);

    const updated = await callRoute(update, path, {
      ...withId(created.id),
      method: 'PUT',
      body: { weight: 5, priority: -1, output_price: 0.000001, currency: 'CNY', provider_id: anthropic.id },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.data).toMatchObject({
      weight: 5,
      priority: -1,
      output_price: 0.000001,
      currency: 'CNY',
      provider_id: anthropic.id,
      provider_name: anthropic.name,
    });

    const disabled = await callRoute(setStatus, `${path}/status`, { ...withId(created.id), method: 'PATCH', body: { status: 'disabled' } });
    expect(disabled.json.data.status).toBe('disabled');
    const enabled = await callRoute(setStatusByPost, `${path}/status`, { ...withId(created.id), method: 'POST', body: { status: 'active' } });
    expect(enabled.json.data.status).toBe('active');

    const deleted = await callRoute(remove, path, { ...withId(created.id), method: 'DELETE' });
    expect(deleted.json.data).toEqual({ id: created.id });
    expect((await callRoute(getOne, path, withId(created.id))).json).toEqual({ code: 404, message: `model ${created.id} not found` });

    const audits = await db.auditLog.findMany({ where: { target: 'ai_model', targetId: String(created.id) }, orderBy: { id: 'asc' } });
    expect(audits.map((audit) => audit.action)).toEqual(['create', 'update', 'set_status', 'set_status', 'delete']);
  });

  it('answers 400 naming each invalid field', async () => {
    const response = await addModel({ name: 'x', provider_id: openai.id, weight: 0, priority: 1.5, input_price: -1, currency: 'EUR', status: 'on' });
    expect(response.status).toBe(400);
    const byField = Object.fromEntries(response.json.errors.map((error: { field: string; message: string }) => [error.field, error.message]));
    expect(byField).toEqual({
      weight: 'weight must be at least 1',
      priority: 'priority must be a whole number',
      input_price: 'input_price must be 0 or more',
      currency: 'currency must be USD or CNY',
      status: 'status must be active or disabled',
    });
  });

  it('answers 404 for an unknown provider, on create and on update', async () => {
    const response = await addModel({ name: `m-${suffix()}`, provider_id: 876543 });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ code: 404, message: 'provider 876543 not found' });

    const created = (await addModel({ name: `m-${suffix()}`, provider_id: openai.id })).json.data;
    const moved = await callRoute(update, `/api/v1/ai-models/${created.id}`, { ...withId(created.id), method: 'PUT', body: { provider_id: 876543 } });
    expect(moved.status).toBe(404);
    expect(moved.json.message).toBe('provider 876543 not found');
  });

  it('answers 409 for a second route with the same name and provider model on the same provider', async () => {
    const name = `dup-${suffix()}`;
    await addModel({ name, provider_id: openai.id });
    const again = await addModel({ name, provider_id: openai.id });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ code: 409, message: `A model route named "${name}" to "${name}" already exists on provider ${openai.id}` });

    const other = (await addModel({ name: `other-${suffix()}`, provider_id: openai.id, provider_model_name: name })).json.data;
    const rename = await callRoute(update, `/api/v1/ai-models/${other.id}`, { ...withId(other.id), method: 'PUT', body: { name } });
    expect(rename.status).toBe(409);
    expect(rename.json.message).toBe(`A model route named "${name}" to "${name}" already exists on provider ${openai.id}`);
  });

  it('accepts a second route of one name on one provider when its provider model differs (model-level fallback)', async () => {
    const name = `fallback-${suffix()}`;
    const first = await addModel({ name, provider_id: anthropic.id, provider_model_name: 'claude-sonnet-4-5', priority: 0 });
    const second = await addModel({ name, provider_id: anthropic.id, provider_model_name: 'claude-haiku-4-5', priority: 1 });
    expect([first.status, second.status]).toEqual([200, 200]);
    const routes = await callRoute(list, `/api/v1/ai-models?name=${name}`, { headers: manager.headers });
    expect(routes.json.data.items.map((model: { provider_model_name: string }) => model.provider_model_name)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
  });

  it('fills the prices a create leaves out from the catalogue (claude-sonnet-4 with its cache-write price)', async () => {
    const response = await addModel({ name: `sonnet-${suffix()}`, provider_id: anthropic.id, provider_model_name: 'claude-sonnet-4-20250514' });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ input_price: 3, output_price: 15, cache_read_price: 0.3, cache_write_price: 3.75 });
    expect(response.json.data.capability_defaults).toMatchObject({ contextWindow: 200_000, maxOutputTokens: 64_000, reasoning: 'budget' });
  });

  it("keeps the admin's prices over the catalogue's, and 0 for a model the catalogue does not know", async () => {
    const priced = await addModel({ name: `gpt5-${suffix()}`, provider_id: openai.id, provider_model_name: 'gpt-5', input_price: 1, output_price: 2 });
    expect(priced.json.data).toMatchObject({ input_price: 1, output_price: 2, cache_read_price: 0.125 });
    const unknown = await addModel({ name: `private-${suffix()}`, provider_id: openai.id, provider_model_name: 'my-private-finetune' });
    expect(unknown.json.data).toMatchObject({ input_price: 0, output_price: 0, cache_read_price: 0, cache_write_price: null });
  });

  it('answers what the catalogue knows of a provider model for the create form, and known: false otherwise', async () => {
    const known = await callRoute(catalogue, `/api/v1/ai-models/catalogue?provider_id=${openai.id}&provider_model_name=gpt-5`, { headers: manager.headers });
    expect(known.status).toBe(200);
    expect(known.json.data).toMatchObject({
      known: true,
      prices: { input_price: 1.25, output_price: 10 },
      capabilities: { reasoning: 'effort', samplingParameters: false, toolDescriptionMaxChars: 1024 },
    });
    const unknown = await callRoute(catalogue, `/api/v1/ai-models/catalogue?provider_id=${openai.id}&provider_model_name=nope-1`, { headers: manager.headers });
    expect(unknown.json.data).toMatchObject({ known: false, prices: null, capabilities: { reasoning: 'none' } });
    const missing = await callRoute(catalogue, '/api/v1/ai-models/catalogue?provider_id=876543&provider_model_name=gpt-5', { headers: manager.headers });
    expect(missing.status).toBe(404);
  });

  it('stores per-field capability overrides, resets one with PUT, and refuses an unknown field or a bad value (400)', async () => {
    const created = (await addModel({ name: `ov-${suffix()}`, provider_id: openai.id, provider_model_name: 'gpt-5', capability_overrides: { maxOutputTokens: 4000, reasoningReplay: true } })).json.data;
    expect(created.capability_overrides).toEqual({ maxOutputTokens: 4000, reasoningReplay: true });
    const path = `/api/v1/ai-models/${created.id}`;
    const reset = await callRoute(update, path, { ...withId(created.id), method: 'PUT', body: { capability_overrides: { reasoningReplay: true } } });
    expect(reset.json.data.capability_overrides).toEqual({ reasoningReplay: true });
    const unknownField = await callRoute(update, path, { ...withId(created.id), method: 'PUT', body: { capability_overrides: { fastMode: true } } });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.json)).toContain('unknown capability fastMode');
    const badValue = await callRoute(update, path, { ...withId(created.id), method: 'PUT', body: { capability_overrides: { reasoning: 'turbo' } } });
    expect(badValue.status).toBe(400);
    expect(JSON.stringify(badValue.json)).toContain('reasoning must be none, effort, budget or adaptive');
  });

  it('deleting a provider deletes its routes, unless ?cascade=false', async () => {
    const provider = await db.provider.create({ data: { name: `tmp-${suffix()}`, modelType: 'openai', apiUrl: 'https://tmp.example' } });
    const created = (await addModel({ name: `m-${suffix()}`, provider_id: provider.id })).json.data;
    const refused = await callRoute(removeProvider, `/api/v1/providers/${provider.id}?cascade=false`, { ...withId(provider.id), method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(await db.aiModel.findUnique({ where: { id: created.id } })).not.toBeNull();
    const deleted = await callRoute(removeProvider, `/api/v1/providers/${provider.id}`, { ...withId(provider.id), method: 'DELETE' });
    expect(deleted.json.data).toMatchObject({ deleted_models: 1 });
    expect(await db.aiModel.findUnique({ where: { id: created.id } })).toBeNull();
  });
});
