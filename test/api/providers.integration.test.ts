import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getAll } from '../../app/api/v1/providers/all/route';
import { DELETE as remove, GET as getOne, PUT as update } from '../../app/api/v1/providers/[id]/route';
import { GET as list, POST as create } from '../../app/api/v1/providers/route';
import { db } from '../../lib/db';
import { sealSecret } from '../../lib/secrets';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

describe('providers API', () => {
  let admin: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    await ensurePolicies();
    admin = await createTestUser('admin');
    manager = await createTestUser('manager');
  });

  const createProvider = (body: unknown, headers = admin.headers) =>
    callRoute(create, '/api/v1/providers', { method: 'POST', headers, body });

  it('creates a provider and answers with exactly the snake_case wire fields', async () => {
    const name = unique('openai');
    const response = await createProvider({
      name,
      model_type: 'openai',
      api_url: 'https://api.openai.com/v1/',
      extra_headers: { 'OpenAI-Organization': 'org-1' },
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      code: 0,
      message: 'ok',
      data: {
        id: expect.any(Number),
        name,
        model_type: 'openai',
        api_url: 'https://api.openai.com/v1',
        enabled: true,
        timeout_ms: 60000,
        extra_headers: { 'OpenAI-Organization': 'org-1' },
        inline_image_urls: false,
        capability_overrides: {},
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      },
    });
  });

  it('stores inline_image_urls on create and update, and refuses anything but a boolean', async () => {
    const created = await createProvider({ name: unique('bedrock'), model_type: 'anthropic', api_url: 'https://bedrock.example', inline_image_urls: true });
    expect(created.json.data.inline_image_urls).toBe(true);
    const params = { id: String(created.json.data.id) };
    const path = `/api/v1/providers/${params.id}`;

    const updated = await callRoute(update, path, { method: 'PUT', headers: admin.headers, params, body: { inline_image_urls: false } });
    expect(updated.json.data.inline_image_urls).toBe(false);
    expect((await callRoute(getOne, path, { headers: admin.headers, params })).json.data.inline_image_urls).toBe(false);
    expect((await db.provider.findUniqueOrThrow({ where: { id: created.json.data.id } })).inlineImageUrls).toBe(false);

    const invalid = await callRoute(update, path, { method: 'PUT', headers: admin.headers, params, body: { inline_image_urls: 'yes' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors).toEqual([{ field: 'inline_image_urls', message: 'inline_image_urls must be true or false' }]);
  });

  it('reads, updates and deletes a provider, with one audit row per write', async () => {
    const created = (await createProvider({ name: unique('claude'), model_type: 'anthropic', api_url: 'https://api.anthropic.com' })).json.data;
    const path = `/api/v1/providers/${created.id}`;
    const params = { id: String(created.id) };

    const fetched = await callRoute(getOne, path, { headers: manager.headers, params });
    expect(fetched.json.data).toEqual(created);

    const updated = await callRoute(update, path, {
      method: 'PUT',
      headers: manager.headers,
      params,
      body: { enabled: false, timeout_ms: 5000 },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.data).toMatchObject({ id: created.id, name: created.name, enabled: false, timeout_ms: 5000 });

    const deleted = await callRoute(remove, path, { method: 'DELETE', headers: admin.headers, params });
    expect(deleted.json).toEqual({ code: 0, message: 'ok', data: { id: created.id, deleted_models: 0, deleted_tokens: 0 } });
    expect((await callRoute(getOne, path, { headers: admin.headers, params })).status).toBe(404);

    const audits = await db.auditLog.findMany({ where: { target: 'provider', targetId: String(created.id) }, orderBy: { id: 'asc' } });
    expect(audits.map((audit) => [audit.action, audit.actorName])).toEqual([
      ['create', admin.username],
      ['update', manager.username],
      ['delete', admin.username],
    ]);
    expect(audits[1].detail).toEqual({ fields: ['enabled', 'timeout_ms'] });
    expect(audits[2].detail).toEqual({ name: created.name, deleted_models: 0, deleted_tokens: 0 });
  });

  it('with ?cascade=false refuses to delete a provider that still has model routes; then says what went with it', async () => {
    const provider = (await createProvider({ name: unique('busy'), model_type: 'openai', api_url: 'https://busy.example' })).json.data;
    await db.aiModel.createMany({
      data: ['m-1', 'm-2'].map((name) => ({ name: `${name}-${provider.id}`, providerId: provider.id, providerModelName: name })),
    });
    await db.providerToken.create({ data: { providerId: provider.id, token: await sealSecret('provider-key-abcd'), tokenHint: 'abcd' } });
    const path = `/api/v1/providers/${provider.id}`;
    const params = { id: String(provider.id) };

    const refused = await callRoute(remove, `${path}?cascade=false`, { method: 'DELETE', headers: admin.headers, params });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({
      code: 409,
      message: `provider ${provider.id} still has 2 model routes: delete or move them first, or delete without ?cascade=false to remove them together with the provider`,
    });
    expect(await db.aiModel.count({ where: { providerId: provider.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { target: 'provider', targetId: String(provider.id), action: 'delete' } })).toBe(0);

    const badFlag = await callRoute(remove, `${path}?cascade=yes`, { method: 'DELETE', headers: admin.headers, params });
    expect(badFlag.status).toBe(400);

    const cascaded = await callRoute(remove, `${path}?cascade=true`, { method: 'DELETE', headers: manager.headers, params });
    expect(cascaded.status).toBe(200);
    expect(cascaded.json.data).toEqual({ id: provider.id, deleted_models: 2, deleted_tokens: 1 });
    expect(await db.aiModel.count({ where: { providerId: provider.id } })).toBe(0);
    expect(await db.providerToken.count({ where: { providerId: provider.id } })).toBe(0);
    const audit = await db.auditLog.findFirst({ where: { target: 'provider', targetId: String(provider.id), action: 'delete' } });
    expect(audit?.detail).toEqual({ name: provider.name, deleted_models: 2, deleted_tokens: 1 });
  });

  it('lists providers with paging and the original `providers` key', async () => {
    const prefix = unique('page');
    for (const n of [1, 2, 3]) {
      await createProvider({ name: `${prefix}-${n}`, model_type: 'openai', api_url: 'http://localhost:11434' });
    }
    const response = await callRoute(list, `/api/v1/providers?page=2&page_size=2&name=${prefix}`, { headers: admin.headers });
    expect(response.status).toBe(200);
    const data = response.json.data;
    expect(data).toMatchObject({ total: 3, page: 2, page_size: 2 });
    expect(data.items.map((item: { name: string }) => item.name)).toEqual([`${prefix}-3`]);
    expect(data.providers).toEqual(data.items);

    // Neither page nor page_size: the whole list, up to 1000 rows; either one pages, 20 rows by default.
    const unpaged = await callRoute(list, `/api/v1/providers?name=${prefix}`, { headers: admin.headers });
    expect(unpaged.json.data).toMatchObject({ total: 3, page: 1, page_size: 1000 });
    expect(unpaged.json.data.items).toHaveLength(3);
    const defaults = await callRoute(list, `/api/v1/providers?page=1&name=${prefix}`, { headers: admin.headers });
    expect(defaults.json.data).toMatchObject({ page: 1, page_size: 20 });

    const all = await callRoute(getAll, '/api/v1/providers/all', { headers: admin.headers });
    expect(all.json.data.providers.length).toBeGreaterThanOrEqual(3);
    expect(all.json.data.items).toEqual(all.json.data.providers);
  });

  it('rejects a page_size above 100', async () => {
    const response = await callRoute(list, '/api/v1/providers?page_size=101', { headers: admin.headers });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ field: 'page_size', message: expect.stringContaining('100') }]);
  });

  it('answers 400 naming each invalid field', async () => {
    const response = await createProvider({ name: '', model_type: 'gemini', api_url: 'ftp://example.com', timeout_ms: 10 });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe(400);
    const fields = response.json.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['api_url', 'model_type', 'name', 'timeout_ms']);
    expect(response.json.errors.find((error: { field: string }) => error.field === 'model_type').message).toBe(
      'model_type must be openai or anthropic',
    );
  });

  it('answers 409 for a duplicate name, on create and on rename', async () => {
    const name = unique('dup');
    await createProvider({ name, model_type: 'openai', api_url: 'https://a.example' });
    const again = await createProvider({ name, model_type: 'openai', api_url: 'https://b.example' });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ code: 409, message: `A provider named "${name}" already exists` });

    const other = (await createProvider({ name: unique('other'), model_type: 'openai', api_url: 'https://c.example' })).json.data;
    const rename = await callRoute(update, `/api/v1/providers/${other.id}`, {
      method: 'PUT',
      headers: admin.headers,
      params: { id: String(other.id) },
      body: { name },
    });
    expect(rename.status).toBe(409);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    for (const id of ['999999', 'abc']) {
      const params = { id };
      expect((await callRoute(getOne, `/api/v1/providers/${id}`, { headers: admin.headers, params })).status).toBe(404);
      const put = await callRoute(update, `/api/v1/providers/${id}`, { method: 'PUT', headers: admin.headers, params, body: { enabled: true } });
      expect(put.status).toBe(404);
      const del = await callRoute(remove, `/api/v1/providers/${id}`, { method: 'DELETE', headers: admin.headers, params });
      expect(del.status).toBe(404);
    }
    const missing = await callRoute(getOne, '/api/v1/providers/999999', { headers: admin.headers, params: { id: '999999' } });
    expect(missing.json).toEqual({ code: 404, message: 'provider 999999 not found' });
  });

  it('refuses callers with the user role', async () => {
    const user = await createTestUser('user');
    expect((await callRoute(list, '/api/v1/providers', { headers: user.headers })).status).toBe(403);
  });
});
