import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as regenerate } from '../../app/api/v1/user-tokens/[id]/regenerate/route';
import { DELETE as revoke, GET as getOne } from '../../app/api/v1/user-tokens/[id]/route';
import { GET as list, POST as create } from '../../app/api/v1/user-tokens/route';
import { GET as getUser } from '../../app/api/v1/users/[id]/route';
import { db } from '../../lib/db';
import { buildUsageRecord } from '../../lib/usage';
import { insertUsageRows } from '../../lib/usage/insert-usage-rows';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TOKEN = /^sk-ag-[0-9A-Za-z]{43}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('user-tokens API', () => {
  let admin: TestUser;
  let manager: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    await ensurePolicies();
    [admin, manager, alice, bob] = await Promise.all([
      createTestUser('admin'),
      createTestUser('manager'),
      createTestUser('user'),
      createTestUser('user'),
    ]);
  });

  const issue = (caller: TestUser, body?: unknown) =>
    callRoute(create, '/api/v1/user-tokens', { method: 'POST', headers: caller.headers, body });
  const byId = (caller: TestUser, id: number) => ({ headers: caller.headers, params: { id: String(id) } });

  it('issues a token with an empty body: plaintext once, SHA-256 stored, every wire field', async () => {
    const response = await issue(alice);
    expect(response.status).toBe(200);
    const data = response.json.data;
    expect(data).toEqual({
      id: expect.any(Number),
      user_id: alice.id,
      name: '',
      token_prefix: `${data.token.slice(0, 10)}…`,
      allowed_models: [],
      rpm_limit: null,
      monthly_budget: null,
      month_spend: 0,
      expires_at: null,
      revoked_at: null,
      last_used_at: null,
      created_at: expect.stringMatching(ISO),
      token: expect.stringMatching(TOKEN),
    });

    const row = await db.userToken.findUniqueOrThrow({ where: { id: data.id } });
    expect(row.tokenHash).toBe(sha256(data.token));
    expect(JSON.stringify({ ...row, monthlyBudget: null })).not.toContain(data.token);

    // Every later answer carries `token` masked: the prefix and bullets, never the secret.
    const masked = `${data.token.slice(0, 10)}••••••••`;
    const fetched = await callRoute(getOne, `/api/v1/user-tokens/${data.id}`, byId(alice, data.id));
    expect(fetched.text).not.toContain(data.token);
    expect(fetched.json.data).toEqual({ ...data, token: masked });

    const listed = await callRoute(list, '/api/v1/user-tokens', { headers: alice.headers });
    expect(listed.text).not.toContain(data.token);
    expect(listed.json.data.items.find((item: { id: number }) => item.id === data.id)).toEqual({ ...data, token: masked });
  });

  it('keeps the limits it was given', async () => {
    const response = await issue(alice, {
      name: 'ci',
      allowed_models: ['gpt-4o', 'claude-sonnet-4', 'gpt-4o'],
      rpm_limit: 60,
      monthly_budget: 12.5,
      expires_at: '2099-01-31',
    });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({
      name: 'ci',
      allowed_models: ['gpt-4o', 'claude-sonnet-4'],
      rpm_limit: 60,
      monthly_budget: 12.5,
      expires_at: '2099-01-31T23:59:59.999Z',
    });
  });

  it("shows this month's spend of a token and of its owner, as the usage rows written add it up", async () => {
    const carol = await createTestUser('user');
    const token = (await issue(carol, { monthly_budget: 5 })).json.data;
    // 500,000 input tokens at 2.5 per 1M: 1.25 this month; a row of last month is not this month's spend.
    const row = (createdAt: Date) =>
      buildUsageRecord({
        requestId: randomUUID(),
        caller: { userId: carol.id, userTokenId: token.id },
        modelName: 'spend-model',
        clientProtocol: 'openai',
        stream: false,
        status: 'ok',
        httpStatus: 200,
        errorType: null,
        usage: { inputTokens: 500_000, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 },
        target: { modelId: 1, providerId: 1, providerTokenId: null, providerModelName: 'm', upstreamProtocol: 'openai', prices: { input: '2.5', output: '10', cacheRead: '0', cacheWrite: null, currency: 'USD' } },
        latencyMs: 5,
        ttftMs: null,
        attempts: 1,
        createdAt,
      });
    const lastMonth = new Date();
    lastMonth.setUTCDate(1);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    await insertUsageRows([row(new Date()), row(lastMonth)]);

    const listed = await callRoute(list, '/api/v1/user-tokens', { headers: carol.headers });
    expect(listed.json.data.items).toEqual([expect.objectContaining({ id: token.id, monthly_budget: 5, month_spend: 1.25 })]);
    expect((await callRoute(getOne, `/api/v1/user-tokens/${token.id}`, byId(carol, token.id))).json.data.month_spend).toBe(1.25);
    const owner = await callRoute(getUser, `/api/v1/users/${carol.id}`, { headers: admin.headers, params: { id: String(carol.id) } });
    expect(owner.json.data).toMatchObject({ id: carol.id, month_spend: 1.25, monthly_budget: null });
  });

  it('answers 400 naming the invalid fields', async () => {
    const response = await issue(alice, { rpm_limit: 0, monthly_budget: -1, expires_at: '2001-01-01T00:00:00Z', allowed_models: 'gpt-4o' });
    expect(response.status).toBe(400);
    const byField = Object.fromEntries(response.json.errors.map((error: { field: string; message: string }) => [error.field, error.message]));
    expect(byField).toEqual({
      rpm_limit: 'rpm_limit must be at least 1',
      monthly_budget: 'monthly_budget must be 0 or more',
      expires_at: 'expires_at must be in the future',
      allowed_models: 'allowed_models must be a list of model names',
    });
  });

  it('shows a user only their own tokens, and 404 for anyone else’s', async () => {
    const bobs = (await issue(bob, { name: 'bob-1' })).json.data;

    const aliceList = await callRoute(list, `/api/v1/user-tokens?user_id=${bob.id}`, { headers: alice.headers });
    expect(aliceList.json.data.items.every((token: { user_id: number }) => token.user_id === alice.id)).toBe(true);
    expect(aliceList.json.data.tokens).toEqual(aliceList.json.data.items);

    const path = `/api/v1/user-tokens/${bobs.id}`;
    const notFound = { code: 404, message: `user token ${bobs.id} not found` };
    expect((await callRoute(getOne, path, byId(alice, bobs.id))).json).toEqual(notFound);
    expect((await callRoute(revoke, path, { ...byId(alice, bobs.id), method: 'DELETE' })).json).toEqual(notFound);
    expect((await callRoute(regenerate, `${path}/regenerate`, { ...byId(alice, bobs.id), method: 'POST' })).json).toEqual(notFound);
    expect((await db.userToken.findUniqueOrThrow({ where: { id: bobs.id } })).revokedAt).toBeNull();

    const forOther = await issue(alice, { user_id: bob.id });
    expect(forOther.status).toBe(403);
  });

  it('shows admins and managers every token, filtered by user_id', async () => {
    await issue(bob, { name: 'bob-2' });
    const all = await callRoute(list, '/api/v1/user-tokens?page_size=100', { headers: manager.headers });
    const owners = new Set(all.json.data.items.map((token: { user_id: number }) => token.user_id));
    expect(owners.has(alice.id) && owners.has(bob.id)).toBe(true);

    const onlyBob = await callRoute(list, `/api/v1/user-tokens?user_id=${bob.id}&page_size=1`, { headers: admin.headers });
    expect(onlyBob.json.data).toMatchObject({ page: 1, page_size: 1, total: await db.userToken.count({ where: { userId: bob.id } }) });
    expect(onlyBob.json.data.items).toHaveLength(1);
    expect(onlyBob.json.data.items[0].user_id).toBe(bob.id);
  });

  it('lets an admin issue a token for another existing user', async () => {
    const response = await issue(admin, { user_id: String(bob.id), name: 'for bob' });
    expect(response.status).toBe(200);
    expect(response.json.data.user_id).toBe(bob.id);

    const unknown = await issue(admin, { user_id: 7654321 });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toBe('user 7654321 not found');
  });

  it('regenerates: new plaintext and hash, same id and limits, old hash gone', async () => {
    const first = (await issue(alice, { name: 'rotate-me', rpm_limit: 5 })).json.data;
    const response = await callRoute(regenerate, `/api/v1/user-tokens/${first.id}/regenerate`, { ...byId(alice, first.id), method: 'POST' });
    expect(response.status).toBe(200);
    const second = response.json.data;
    expect(second.token).toMatch(TOKEN);
    expect(second.token).not.toBe(first.token);
    expect(second).toMatchObject({ id: first.id, name: 'rotate-me', rpm_limit: 5, token_prefix: `${second.token.slice(0, 10)}…` });

    const row = await db.userToken.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.tokenHash).toBe(sha256(second.token));
    expect(await db.userToken.findUnique({ where: { tokenHash: sha256(first.token) } })).toBeNull();
  });

  it('revokes by setting revoked_at; a revoked token cannot be regenerated', async () => {
    const token = (await issue(alice)).json.data;
    const path = `/api/v1/user-tokens/${token.id}`;
    const revoked = await callRoute(revoke, path, { ...byId(alice, token.id), method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(revoked.json.data.revoked_at).toMatch(ISO);
    expect(revoked.json.data.token).toBe(`${token.token.slice(0, 10)}••••••••`);
    expect((await db.userToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toEqual(new Date(revoked.json.data.revoked_at));

    const again = await callRoute(revoke, path, { ...byId(alice, token.id), method: 'DELETE' });
    expect(again.json.data.revoked_at).toBe(revoked.json.data.revoked_at);

    const regenerated = await callRoute(regenerate, `${path}/regenerate`, { ...byId(alice, token.id), method: 'POST' });
    expect(regenerated.status).toBe(409);

    // Lists leave revoked tokens out unless asked: the original UI labels every row it gets valid.
    const ids = async (query: string) =>
      (await callRoute(list, `/api/v1/user-tokens?page_size=100${query}`, { headers: alice.headers })).json.data.items.map((item: { id: number }) => item.id);
    expect(await ids('')).not.toContain(token.id);
    expect(await ids('&include_revoked=false')).not.toContain(token.id);
    expect(await ids('&include_revoked=true')).toContain(token.id);
    expect(await ids('&include_revoked=1')).toContain(token.id);
    const typo = await callRoute(list, '/api/v1/user-tokens?include_revoked=yes', { headers: alice.headers });
    expect(typo.status).toBe(400);
    expect(typo.json.errors).toEqual([{ field: 'include_revoked', message: 'include_revoked must be true or false' }]);
  });

  it('a manager can revoke anyone’s token', async () => {
    const token = (await issue(bob)).json.data;
    const revoked = await callRoute(revoke, `/api/v1/user-tokens/${token.id}`, { ...byId(manager, token.id), method: 'DELETE' });
    expect(revoked.json.data.revoked_at).toMatch(ISO);
  });

  it('audits create, regenerate and revoke without the plaintext or the hash', async () => {
    const created = (await issue(alice, { name: 'audited' })).json.data;
    const path = `/api/v1/user-tokens/${created.id}`;
    const regenerated = (await callRoute(regenerate, `${path}/regenerate`, { ...byId(alice, created.id), method: 'POST' })).json.data;
    await callRoute(revoke, path, { ...byId(alice, created.id), method: 'DELETE' });

    const audits = await db.auditLog.findMany({ where: { target: 'user_token', targetId: String(created.id) }, orderBy: { id: 'asc' } });
    expect(audits.map((audit) => [audit.action, audit.actorId])).toEqual([
      ['create', alice.id],
      ['regenerate', alice.id],
      ['revoke', alice.id],
    ]);
    const text = JSON.stringify(audits.map((audit) => audit.detail));
    for (const secret of [created.token, regenerated.token, sha256(created.token), sha256(regenerated.token)]) {
      expect(text).not.toContain(secret);
    }
  });
});
