import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATCH as setModelStatus } from '../../app/api/v1/ai-models/[id]/status/route';
import { DELETE as deleteModel, PUT as updateModel } from '../../app/api/v1/ai-models/[id]/route';
import { POST as createModel } from '../../app/api/v1/ai-models/route';
import { GET as listAuditLogs } from '../../app/api/v1/audit-logs/route';
import { PUT as changeOwnPassword } from '../../app/api/v1/auth/password/route';
import { DELETE as deleteKey, PUT as updateKey } from '../../app/api/v1/provider-tokens/[id]/route';
import { POST as createKey } from '../../app/api/v1/provider-tokens/route';
import { DELETE as deleteProvider, PUT as updateProvider } from '../../app/api/v1/providers/[id]/route';
import { POST as createProvider } from '../../app/api/v1/providers/route';
import { POST as regenerateToken } from '../../app/api/v1/user-tokens/[id]/regenerate/route';
import { DELETE as revokeToken } from '../../app/api/v1/user-tokens/[id]/route';
import { POST as createToken } from '../../app/api/v1/user-tokens/route';
import { PUT as resetPassword } from '../../app/api/v1/users/[id]/password/route';
import { DELETE as deleteUser, PUT as updateUser } from '../../app/api/v1/users/[id]/route';
import { POST as createUser } from '../../app/api/v1/users/route';
import type { RouteHandler } from '../../lib/api';
import { db } from '../../lib/db';
import { CACHE_CHANNEL } from '../../lib/cache/invalidation-bus';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

// Every admin write, through its route: one audit row naming the actor, the action and the record, with no
// secret in it, and a cache invalidation published to every instance (NOTIFY axongate_cache).

type Write = {
  name: string;
  handler: RouteHandler;
  method: string;
  path: () => string;
  body?: () => unknown;
  expect: { action: string; target: string; targetId: () => number };
  /** Keeps what the next writes refer to. */
  after?: (data: { id: number }) => void;
};

const PROVIDER_KEY = `sk-provider-${randomBytes(12).toString('hex')}`;
const USER_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const RESET_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;

describe('admin writes', () => {
  let admin: TestUser;
  let listener: pg.Client;
  const notifications: string[] = [];
  const ids = { provider: 0, key: 0, model: 0, token: 0, user: 0 };
  const secrets: string[] = [PROVIDER_KEY, USER_PASSWORD, RESET_PASSWORD];

  beforeAll(async () => {
    await ensurePolicies();
    admin = await createTestUser('admin');
    listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.channel === CACHE_CHANNEL) notifications.push(message.payload ?? '');
    });
    await listener.query(`LISTEN ${CACHE_CHANNEL}`);
  });

  afterAll(async () => {
    await listener?.end();
  });

  const suffix = randomBytes(4).toString('hex');
  const writes: Write[] = [
    {
      name: 'create provider',
      handler: createProvider,
      method: 'POST',
      path: () => '/api/v1/providers',
      body: () => ({ name: `audited-${suffix}`, model_type: 'openai', api_url: 'https://audited.example', extra_headers: { 'x-secret': PROVIDER_KEY } }),
      expect: { action: 'create', target: 'provider', targetId: () => ids.provider },
      after: (data) => (ids.provider = data.id),
    },
    {
      name: 'update provider',
      handler: updateProvider,
      method: 'PUT',
      path: () => `/api/v1/providers/${ids.provider}`,
      body: () => ({ timeout_ms: 5000 }),
      expect: { action: 'update', target: 'provider', targetId: () => ids.provider },
    },
    {
      name: 'add provider key',
      handler: createKey,
      method: 'POST',
      path: () => '/api/v1/provider-tokens',
      body: () => ({ provider_id: ids.provider, token: PROVIDER_KEY }),
      expect: { action: 'create', target: 'provider_token', targetId: () => ids.key },
      after: (data) => (ids.key = data.id),
    },
    {
      name: 'disable provider key',
      handler: updateKey,
      method: 'PUT',
      path: () => `/api/v1/provider-tokens/${ids.key}`,
      body: () => ({ active: false }),
      expect: { action: 'update', target: 'provider_token', targetId: () => ids.key },
    },
    {
      name: 'create model route',
      handler: createModel,
      method: 'POST',
      path: () => '/api/v1/ai-models',
      body: () => ({ name: `audited-model-${suffix}`, provider_id: ids.provider, input_price: 1 }),
      expect: { action: 'create', target: 'ai_model', targetId: () => ids.model },
      after: (data) => (ids.model = data.id),
    },
    {
      name: 'update model route',
      handler: updateModel,
      method: 'PUT',
      path: () => `/api/v1/ai-models/${ids.model}`,
      body: () => ({ output_price: 2 }),
      expect: { action: 'update', target: 'ai_model', targetId: () => ids.model },
    },
    {
      name: 'set model status',
      handler: setModelStatus,
      method: 'PATCH',
      path: () => `/api/v1/ai-models/${ids.model}/status`,
      body: () => ({ status: 'disabled' }),
      expect: { action: 'set_status', target: 'ai_model', targetId: () => ids.model },
    },
    {
      name: 'delete model route',
      handler: deleteModel,
      method: 'DELETE',
      path: () => `/api/v1/ai-models/${ids.model}`,
      expect: { action: 'delete', target: 'ai_model', targetId: () => ids.model },
    },
    {
      name: 'delete provider key',
      handler: deleteKey,
      method: 'DELETE',
      path: () => `/api/v1/provider-tokens/${ids.key}`,
      expect: { action: 'delete', target: 'provider_token', targetId: () => ids.key },
    },
    {
      name: 'delete provider',
      handler: deleteProvider,
      method: 'DELETE',
      path: () => `/api/v1/providers/${ids.provider}`,
      expect: { action: 'delete', target: 'provider', targetId: () => ids.provider },
    },
    {
      name: 'create user',
      handler: createUser,
      method: 'POST',
      path: () => '/api/v1/users',
      body: () => ({ username: `audited-${suffix}`, password: USER_PASSWORD, role: 'user' }),
      expect: { action: 'create', target: 'user', targetId: () => ids.user },
      after: (data) => (ids.user = data.id),
    },
    {
      name: 'change a user’s role',
      handler: updateUser,
      method: 'PUT',
      path: () => `/api/v1/users/${ids.user}`,
      body: () => ({ role: 'manager' }),
      expect: { action: 'update', target: 'user', targetId: () => ids.user },
    },
    {
      name: 'reset a user’s password',
      handler: resetPassword,
      method: 'PUT',
      path: () => `/api/v1/users/${ids.user}/password`,
      body: () => ({ password: RESET_PASSWORD }),
      expect: { action: 'reset_password', target: 'user', targetId: () => ids.user },
    },
    {
      name: 'issue a user token for that user',
      handler: createToken,
      method: 'POST',
      path: () => '/api/v1/user-tokens',
      body: () => ({ name: 'audited', user_id: ids.user }),
      expect: { action: 'create', target: 'user_token', targetId: () => ids.token },
      after: (data) => (ids.token = data.id),
    },
    {
      name: 'regenerate the user token',
      handler: regenerateToken,
      method: 'POST',
      path: () => `/api/v1/user-tokens/${ids.token}/regenerate`,
      expect: { action: 'regenerate', target: 'user_token', targetId: () => ids.token },
    },
    {
      name: 'revoke the user token',
      handler: revokeToken,
      method: 'DELETE',
      path: () => `/api/v1/user-tokens/${ids.token}`,
      expect: { action: 'revoke', target: 'user_token', targetId: () => ids.token },
    },
    {
      name: 'delete the user',
      handler: deleteUser,
      method: 'DELETE',
      path: () => `/api/v1/users/${ids.user}`,
      expect: { action: 'delete', target: 'user', targetId: () => ids.user },
    },
  ];

  async function waitForNotification(count: number): Promise<void> {
    const deadline = Date.now() + 2000;
    while (notifications.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it.each(writes.map((write) => [write.name, write] as const))('%s writes an audit row and invalidates the gateway caches', async (_, write) => {
    const before = await db.auditLog.aggregate({ _max: { id: true } });
    const notified = notifications.length;
    const path = write.path();
    const id = path.match(/\/(\d+)(?:\/|$)/)?.[1];
    const response = await callRoute(write.handler, path, {
      method: write.method,
      headers: admin.headers,
      params: id ? { id } : {},
      body: write.body?.(),
    });
    expect(response.status, response.text).toBe(200);
    if (typeof response.json.data?.token === 'string') secrets.push(response.json.data.token);
    write.after?.(response.json.data);

    const rows = await db.auditLog.findMany({ where: { id: { gt: before._max.id ?? 0n } }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.actorId, row.actorName, row.action, row.target, row.targetId])).toEqual([
      [admin.id, admin.username, write.expect.action, write.expect.target, String(write.expect.targetId())],
    ]);
    const detail = JSON.stringify(rows[0].detail);
    for (const secret of secrets) expect(detail).not.toContain(secret);

    await waitForNotification(notified + 1);
    expect(notifications.length).toBeGreaterThan(notified);
  });

  it('records a user changing their own password, without the password', async () => {
    const user = await createTestUser('user');
    const newPassword = `pw-${randomBytes(8).toString('hex')}`;
    const response = await callRoute(changeOwnPassword, '/api/v1/auth/password', {
      method: 'PUT',
      headers: user.headers,
      body: { current_password: user.password, new_password: newPassword },
    });
    expect(response.status, response.text).toBe(200);
    const row = await db.auditLog.findFirst({ where: { actorId: user.id }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ action: 'change_password', target: 'user', targetId: String(user.id) });
    expect(JSON.stringify(row?.detail)).not.toContain(newPassword);
  });

  it('lists audit rows to admins, newest first, filtered by target and actor', async () => {
    const response = await callRoute(listAuditLogs, `/api/v1/audit-logs?actor_id=${admin.id}&target=provider&page_size=5`, {
      headers: admin.headers,
    });
    expect(response.status).toBe(200);
    const data = response.json.data;
    expect(data).toMatchObject({ total: 3, page: 1, page_size: 5 });
    expect(data.logs).toEqual(data.items);
    expect(data.items.map((log: { action: string }) => log.action)).toEqual(['delete', 'update', 'create']);
    expect(data.items[0]).toEqual({
      id: expect.any(Number),
      actor_id: admin.id,
      actor_name: admin.username,
      action: 'delete',
      target: 'provider',
      target_id: String(ids.provider),
      detail: { name: `audited-${suffix}`, deleted_models: 0, deleted_tokens: 0 },
      created_at: expect.stringMatching(/Z$/),
    });

    for (const role of ['manager', 'user'] as const) {
      const other = await createTestUser(role);
      expect((await callRoute(listAuditLogs, '/api/v1/audit-logs', { headers: other.headers })).status).toBe(403);
    }
    const invalid = await callRoute(listAuditLogs, '/api/v1/audit-logs?actor_id=abc', { headers: admin.headers });
    expect(invalid.status).toBe(400);
  });
});
