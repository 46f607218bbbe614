// A manager tries to take over tokens that are not theirs to manage, over HTTP: an admin's or another manager's
// token (regenerate for a working plaintext billed to its owner, revoke, list). Managers manage the tokens of
// `user`-role owners only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as regenerate } from '../../app/api/v1/user-tokens/[id]/regenerate/route';
import { DELETE as revoke, GET as getOne } from '../../app/api/v1/user-tokens/[id]/route';
import { GET as list, POST as create } from '../../app/api/v1/user-tokens/route';
import { db } from '../../lib/db';
import { ensurePolicies } from '../helpers/bootstrap';
import { serveApiRoutes, type ServedApi } from '../helpers/serve-api-routes';
import { createTestUser, type TestUser } from '../helpers/users';

let api: ServedApi;
let admin: TestUser;
let manager: TestUser;
let otherManager: TestUser;
let member: TestUser;

beforeAll(async () => {
  await ensurePolicies();
  [admin, manager, otherManager, member] = await Promise.all([
    createTestUser('admin'),
    createTestUser('manager'),
    createTestUser('manager'),
    createTestUser('user'),
  ]);
  api = await serveApiRoutes({
    '/api/v1/user-tokens': { GET: list, POST: create },
    '/api/v1/user-tokens/:id': { GET: getOne, DELETE: revoke },
    '/api/v1/user-tokens/:id/regenerate': { POST: regenerate },
  });
});
afterAll(() => api.close());

async function call(caller: TestUser, method: string, path: string, body?: unknown) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...caller.headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

async function tokenOf(owner: TestUser): Promise<{ id: number; token: string }> {
  const created = await call(owner, 'POST', '/api/v1/user-tokens', { name: 'own' });
  expect(created.status).toBe(200);
  return created.json.data;
}

describe("a manager and other privileged users' tokens", () => {
  it.each([
    ['an admin', () => admin],
    ['another manager', () => otherManager],
  ])("refuses a manager regenerating %s's token (404, no plaintext) and leaves it working", async (_, owner) => {
    const victim = await tokenOf(owner());
    const before = await db.userToken.findUniqueOrThrow({ where: { id: victim.id } });
    const answer = await call(manager, 'POST', `/api/v1/user-tokens/${victim.id}/regenerate`);
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ code: 404 });
    expect(answer.text).not.toMatch(/sk-ag-/);
    const after = await db.userToken.findUniqueOrThrow({ where: { id: victim.id } });
    expect(after.tokenHash).toBe(before.tokenHash);
  });

  it("refuses a manager revoking or reading an admin's token (404)", async () => {
    const victim = await tokenOf(admin);
    expect((await call(manager, 'DELETE', `/api/v1/user-tokens/${victim.id}`)).status).toBe(404);
    expect((await call(manager, 'GET', `/api/v1/user-tokens/${victim.id}`)).status).toBe(404);
    expect((await db.userToken.findUniqueOrThrow({ where: { id: victim.id } })).revokedAt).toBeNull();
  });

  it("lists to a manager only their own tokens and those of user-role owners", async () => {
    const [adminToken, otherToken, memberToken, ownToken] = await Promise.all([tokenOf(admin), tokenOf(otherManager), tokenOf(member), tokenOf(manager)]);
    const listed = await call(manager, 'GET', '/api/v1/user-tokens?page_size=100');
    const ids = listed.json.data.items.map((token: { id: number }) => token.id);
    expect(ids).toEqual(expect.arrayContaining([memberToken.id, ownToken.id]));
    expect(ids).not.toContain(adminToken.id);
    expect(ids).not.toContain(otherToken.id);
  });

  it("still lets a manager regenerate and revoke a user-role owner's token, and an admin anyone's", async () => {
    const memberToken = await tokenOf(member);
    const regenerated = await call(manager, 'POST', `/api/v1/user-tokens/${memberToken.id}/regenerate`);
    expect(regenerated.status).toBe(200);
    expect(regenerated.json.data.token).toMatch(/^sk-ag-/);
    expect((await call(manager, 'DELETE', `/api/v1/user-tokens/${memberToken.id}`)).status).toBe(200);
    const managersToken = await tokenOf(manager);
    expect((await call(admin, 'POST', `/api/v1/user-tokens/${managersToken.id}/regenerate`)).status).toBe(200);
  });
});
