import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as remove, PUT as update } from '../../app/api/v1/provider-tokens/[id]/route';
import { GET as list, POST as create } from '../../app/api/v1/provider-tokens/route';
import { DELETE as removeProvider } from '../../app/api/v1/providers/[id]/route';
import { db } from '../../lib/db';
import { openSecret } from '../../lib/secrets';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('provider-tokens API', () => {
  let admin: TestUser;
  let providerId: number;

  beforeAll(async () => {
    await ensurePolicies();
    admin = await createTestUser('admin');
    const provider = await db.provider.create({
      data: { name: `keys-${randomBytes(4).toString('hex')}`, modelType: 'openai', apiUrl: 'https://api.example.com' },
    });
    providerId = provider.id;
  });

  const addKey = (body: unknown) => callRoute(create, '/api/v1/provider-tokens', { method: 'POST', headers: admin.headers, body });

  it('seals the key: responses show only token_hint, the row holds no plaintext', async () => {
    const key = `sk-live-${randomBytes(24).toString('hex')}`;
    const response = await addKey({ provider_id: String(providerId), token: key });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({
      id: expect.any(Number),
      provider_id: providerId,
      token: `••••${key.slice(-4)}`,
      token_hint: key.slice(-4),
      active: true,
      created_at: expect.stringMatching(ISO),
      last_error: null,
      last_error_at: null,
      retired_at: null,
    });
    expect(response.text).not.toContain(key);

    const listed = await callRoute(list, `/api/v1/provider-tokens?provider_id=${providerId}`, { headers: admin.headers });
    expect(listed.text).not.toContain(key);
    expect(listed.text).not.toContain(key.slice(0, 12));

    const row = await db.providerToken.findUniqueOrThrow({ where: { id: response.json.data.id } });
    expect(row.token).not.toContain(key);
    expect(row.token).not.toContain(key.slice(8, 24));
    expect(await openSecret(row.token)).toBe(key);

    const audits = await db.auditLog.findMany({ where: { target: 'provider_token', targetId: String(row.id) } });
    expect(audits).toHaveLength(1);
    const auditText = JSON.stringify(audits.map(({ action, target, targetId, detail }) => ({ action, target, targetId, detail })));
    expect(auditText).not.toContain(key);
    expect(auditText).not.toContain(row.token);
  });

  it('lists by provider with paging and the original `tokens` key', async () => {
    for (let n = 0; n < 2; n++) await addKey({ provider_id: providerId, token: `key-${randomBytes(8).toString('hex')}` });
    const response = await callRoute(list, `/api/v1/provider-tokens?provider_id=${providerId}&page_size=2`, { headers: admin.headers });
    const data = response.json.data;
    expect(data).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect(data.items).toHaveLength(2);
    expect(data.tokens).toEqual(data.items);
    expect(data.items.every((item: { provider_id: number }) => item.provider_id === providerId)).toBe(true);
  });

  it('turns a key off and on, and deletes it', async () => {
    const created = (await addKey({ provider_id: providerId, token: `key-${randomBytes(8).toString('hex')}` })).json.data;
    const params = { id: String(created.id) };
    const path = `/api/v1/provider-tokens/${created.id}`;

    const off = await callRoute(update, path, { method: 'PUT', headers: admin.headers, params, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.json.data).toMatchObject({ id: created.id, active: false, token: created.token, token_hint: created.token_hint });
    expect((await db.providerToken.findUniqueOrThrow({ where: { id: created.id } })).active).toBe(false);

    const bad = await callRoute(update, path, { method: 'PUT', headers: admin.headers, params, body: { active: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ field: 'active', message: 'active must be true or false' }]);

    const deleted = await callRoute(remove, path, { method: 'DELETE', headers: admin.headers, params });
    expect(deleted.json).toEqual({ code: 0, message: 'ok', data: { id: created.id } });
    expect(await db.providerToken.findUnique({ where: { id: created.id } })).toBeNull();
    expect((await callRoute(remove, path, { method: 'DELETE', headers: admin.headers, params })).status).toBe(404);

    const actions = await db.auditLog.findMany({ where: { target: 'provider_token', targetId: String(created.id) }, orderBy: { id: 'asc' } });
    expect(actions.map((audit) => audit.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers 404, not 500, for a provider that does not exist', async () => {
    const response = await addKey({ provider_id: 987654, token: 'sk-whatever-123456' });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ code: 404, message: 'provider 987654 not found' });
  });

  it('answers 400 naming the missing fields', async () => {
    const response = await addKey({ token: '  ' });
    expect(response.status).toBe(400);
    expect(response.json.errors.map((error: { field: string }) => error.field).sort()).toEqual(['provider_id', 'token']);
  });

  it('deleting the provider deletes its keys', async () => {
    const provider = await db.provider.create({ data: { name: `gone-${randomBytes(4).toString('hex')}`, modelType: 'anthropic', apiUrl: 'https://x.example' } });
    const key = (await addKey({ provider_id: provider.id, token: `key-${randomBytes(8).toString('hex')}` })).json.data;
    await callRoute(removeProvider, `/api/v1/providers/${provider.id}`, { method: 'DELETE', headers: admin.headers, params: { id: String(provider.id) } });
    expect(await db.providerToken.findUnique({ where: { id: key.id } })).toBeNull();
  });
});
