import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as me } from '../../app/api/v1/auth/me/route';
import { PUT as setLimits } from '../../app/api/v1/users/[id]/limits/route';
import { PUT as resetPassword } from '../../app/api/v1/users/[id]/password/route';
import { POST as createToken } from '../../app/api/v1/user-tokens/route';
import { DELETE as remove, GET as getOne, PUT as update } from '../../app/api/v1/users/[id]/route';
import { GET as list, POST as create } from '../../app/api/v1/users/route';
import { verifyPassword } from '../../lib/auth/password';
import { db } from '../../lib/db';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

describe('users API', () => {
  let admin: TestUser;

  beforeAll(async () => {
    await ensurePolicies();
    admin = await createTestUser('admin');
  });

  const createUser = (body: unknown) => callRoute(create, '/api/v1/users', { method: 'POST', headers: admin.headers, body });
  const withId = (id: number, caller: TestUser = admin) => ({ headers: caller.headers, params: { id: String(id) } });

  it('creates a user: argon2id hash stored, never the hash or password in the answer', async () => {
    const username = uniqueName('carol');
    const password = 'correct horse battery';
    const response = await createUser({ username, password, email: `${username}@Example.com`, name: 'Carol', role: 'manager' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      code: 0,
      message: 'ok',
      data: {
        id: expect.any(Number),
        username,
        email: `${username}@example.com`,
        name: 'Carol',
        role: 'manager',
        disabled: false,
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
        last_login_at: null,
        allowed_models: [],
        rpm_limit: null,
        monthly_budget: null,
        month_spend: 0,
      },
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: response.json.data.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    expect(response.text).not.toContain(row.passwordHash);
    expect(response.text).not.toContain(password);

    const audit = await db.auditLog.findFirstOrThrow({ where: { target: 'user', targetId: String(row.id), action: 'create' } });
    expect(JSON.stringify(audit.detail)).not.toContain(password);
    expect(JSON.stringify(audit.detail)).not.toContain(row.passwordHash);
  });

  it('answers 400 naming each invalid field', async () => {
    const response = await createUser({ username: 'x y', password: 'short', email: 'not-an-email', role: 'root' });
    expect(response.status).toBe(400);
    const byField = Object.fromEntries(response.json.errors.map((error: { field: string; message: string }) => [error.field, error.message]));
    expect(byField).toEqual({
      username: 'username may hold only letters, digits and . _ @ -',
      password: 'password must be at least 8 characters',
      email: 'email must be a valid email address',
      role: 'role must be admin, manager or user',
    });
  });

  it('refuses a guessable password, and one under 12 characters for admins and managers, naming why', async () => {
    const weakAdmin = await createUser({ username: uniqueName('weak'), password: 'password', role: 'admin' });
    expect(weakAdmin.status).toBe(400);
    expect(weakAdmin.json.errors).toEqual([{ field: 'password', message: 'password must be at least 12 characters for the admin role' }]);
    const common = await createUser({ username: uniqueName('weak'), password: 'password1234', role: 'manager' });
    expect(common.json.errors[0].message).toMatch(/^password is too easy to guess: .*commonly used password/);
    const ownName = uniqueName('harbourmaster');
    const named = await createUser({ username: ownName, password: `${ownName}1`, role: 'user' });
    expect(named.status).toBe(400);
    expect((await createUser({ username: uniqueName('fine'), password: 'Tr0ub4dor&3x', role: 'user' })).status).toBe(200);
    expect(await db.user.count({ where: { username: ownName } })).toBe(0);
  });

  it('answers 409 for a taken username or email', async () => {
    const username = uniqueName('dave');
    await createUser({ username, password: 'Plum-Kettle-Harbour-81', email: `${username}@example.com`, role: 'user' });
    const sameName = await createUser({ username, password: 'Plum-Kettle-Harbour-81', role: 'user' });
    expect(sameName.status).toBe(409);
    expect(sameName.json).toEqual({ code: 409, message: `A user named "${username}" already exists` });

    const sameEmail = await createUser({ username: uniqueName('eve'), password: 'Plum-Kettle-Harbour-81', email: `${username}@example.com`, role: 'user' });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.json.message).toBe(`The email "${username}@example.com" is already used by another user`);

    const other = (await createUser({ username: uniqueName('frank'), password: 'Plum-Kettle-Harbour-81', role: 'user' })).json.data;
    const takeEmail = await callRoute(update, `/api/v1/users/${other.id}`, { ...withId(other.id), method: 'PUT', body: { email: `${username}@example.com` } });
    expect(takeEmail.status).toBe(409);
  });

  it('lists with paging, filters and the original `users` key; managers may read', async () => {
    const tag = uniqueName('grp');
    for (const n of [1, 2, 3]) await createUser({ username: `${tag}-${n}`, password: 'Plum-Kettle-Harbour-81', role: 'user' });
    const manager = await createTestUser('manager');
    const response = await callRoute(list, `/api/v1/users?search=${tag.toUpperCase()}&page=1&page_size=2`, { headers: manager.headers });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect(response.json.data.users).toEqual(response.json.data.items);
    expect(response.text).not.toContain('argon2');

    const admins = await callRoute(list, '/api/v1/users?role=admin&page_size=100', { headers: admin.headers });
    expect(admins.json.data.items.every((user: { role: string }) => user.role === 'admin')).toBe(true);

    const one = await callRoute(getOne, `/api/v1/users/${admin.id}`, withId(admin.id, manager));
    expect(one.json.data).toMatchObject({ id: admin.id, username: admin.username, role: 'admin' });
    expect(one.json.data).not.toHaveProperty('password_hash');
  });

  it('lists only the users named by ?ids= (the owners of a page of tokens), refusing a malformed list', async () => {
    const [first, second] = [await createTestUser('user'), await createTestUser('user')];
    const named = await callRoute(list, `/api/v1/users?ids=${second.id},${first.id},${second.id}`, { headers: admin.headers });
    expect(named.json.data.items.map((user: { id: number }) => user.id)).toEqual([first.id, second.id]);

    const malformed = await callRoute(list, `/api/v1/users?ids=${first.id},abc`, { headers: admin.headers });
    expect(malformed.status).toBe(400);
    expect(malformed.json.message).toContain('ids');
    const tooMany = await callRoute(list, `/api/v1/users?ids=${Array.from({ length: 101 }, (_, n) => n + 1).join(',')}`, { headers: admin.headers });
    expect(tooMany.status).toBe(400);
  });

  it('updates email, name and role; empty email clears it', async () => {
    const created = (await createUser({ username: uniqueName('gina'), password: 'Plum-Kettle-Harbour-81', email: `${uniqueName('g')}@example.com`, role: 'user' })).json.data;
    const response = await callRoute(update, `/api/v1/users/${created.id}`, {
      ...withId(created.id),
      method: 'PUT',
      body: { email: '', name: 'Gina', role: 'manager' },
    });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ id: created.id, email: null, name: 'Gina', role: 'manager', disabled: false });
  });

  it('disabling a user ends their bearer sessions at once', async () => {
    const target = await createTestUser('user');
    expect((await callRoute(me, '/api/v1/auth/me', { headers: target.headers })).status).toBe(200);

    const response = await callRoute(update, `/api/v1/users/${target.id}`, { ...withId(target.id), method: 'PUT', body: { disabled: true } });
    expect(response.json.data.disabled).toBe(true);
    expect((await callRoute(me, '/api/v1/auth/me', { headers: target.headers })).status).toBe(401);
    expect(await db.apiSession.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
  });

  it('refuses to delete or disable yourself', async () => {
    const deleted = await callRoute(remove, `/api/v1/users/${admin.id}`, { ...withId(admin.id), method: 'DELETE' });
    expect(deleted.status).toBe(409);
    expect(deleted.json.message).toBe('You cannot delete your own account');
    const disabled = await callRoute(update, `/api/v1/users/${admin.id}`, { ...withId(admin.id), method: 'PUT', body: { disabled: true } });
    expect(disabled.status).toBe(409);
  });

  it('never leaves the system without an active admin', async () => {
    // Only one active admin for this test: every other admin row is disabled first, then restored.
    const others = await db.user.findMany({ where: { role: 'admin', disabled: false, id: { not: admin.id } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { disabled: true } });
    try {
      const demote = await callRoute(update, `/api/v1/users/${admin.id}`, { ...withId(admin.id), method: 'PUT', body: { role: 'user' } });
      expect(demote.status).toBe(409);
      expect(demote.json.message).toBe('Cannot demote the last active admin');

      const second = await createTestUser('admin');
      const nowAllowed = await callRoute(update, `/api/v1/users/${second.id}`, { ...withId(second.id), method: 'PUT', body: { role: 'manager' } });
      expect(nowAllowed.status).toBe(200);

      const lastOneLeft = await callRoute(update, `/api/v1/users/${admin.id}`, { ...withId(admin.id), method: 'PUT', body: { role: 'manager' } });
      expect(lastOneLeft.status).toBe(409);
      expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin');

      // Two admins demoting each other at once: exactly one of them may win.
      const rival = await createTestUser('admin');
      const [first, second2] = await Promise.all([
        callRoute(update, `/api/v1/users/${rival.id}`, { ...withId(rival.id), method: 'PUT', body: { role: 'user' } }),
        callRoute(update, `/api/v1/users/${admin.id}`, { ...withId(admin.id, rival), method: 'PUT', body: { role: 'user' } }),
      ]);
      expect([first.status, second2.status].sort()).toEqual([200, 409]);
      expect(await db.user.count({ where: { role: 'admin', disabled: false, id: { in: [admin.id, rival.id] } } })).toBe(1);
      if (second2.status === 200) await db.user.update({ where: { id: admin.id }, data: { role: 'admin' } });
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { disabled: false } });
    }
  });

  it('deletes a user together with their tokens, and audits it', async () => {
    const target = await createTestUser('user');
    await db.userToken.create({ data: { userId: target.id, tokenHash: randomBytes(32).toString('hex'), tokenPrefix: 'sk-ag-test…' } });
    const response = await callRoute(remove, `/api/v1/users/${target.id}`, { ...withId(target.id), method: 'DELETE' });
    expect(response.json).toEqual({ code: 0, message: 'ok', data: { id: target.id } });
    expect(await db.user.findUnique({ where: { id: target.id } })).toBeNull();
    expect(await db.userToken.count({ where: { userId: target.id } })).toBe(0);
    expect((await callRoute(getOne, `/api/v1/users/${target.id}`, withId(target.id))).status).toBe(404);
    expect((await callRoute(remove, `/api/v1/users/${target.id}`, { ...withId(target.id), method: 'DELETE' })).status).toBe(404);
    const audit = await db.auditLog.findFirst({ where: { target: 'user', targetId: String(target.id), action: 'delete' } });
    expect(audit?.detail).toEqual({ username: target.username });
  });

  it('resets a password: the new one verifies, old sessions end, nothing secret in the audit', async () => {
    const target = await createTestUser('user');
    const password = 'brand-new-password';
    const response = await callRoute(resetPassword, `/api/v1/users/${target.id}/password`, { ...withId(target.id), method: 'PUT', body: { password } });
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(password);
    const row = await db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    expect(await verifyPassword(row.passwordHash, target.password)).toBe(false);
    expect((await callRoute(me, '/api/v1/auth/me', { headers: target.headers })).status).toBe(401);

    const audit = await db.auditLog.findFirstOrThrow({ where: { target: 'user', targetId: String(target.id), action: 'reset_password' } });
    expect(JSON.stringify(audit.detail)).not.toContain(password);
    expect(JSON.stringify(audit.detail)).not.toContain(row.passwordHash);

    const short = await callRoute(resetPassword, `/api/v1/users/${target.id}/password`, { ...withId(target.id), method: 'PUT', body: { password: 'x' } });
    expect(short.status).toBe(400);
    expect(short.json.errors).toEqual([{ field: 'password', message: 'password must be at least 8 characters' }]);

    const missing = await callRoute(resetPassword, '/api/v1/users/9999999/password', { ...withId(9999999), method: 'PUT', body: { password } });
    expect(missing.json).toEqual({ code: 404, message: 'user 9999999 not found' });
  });

  it('refuses writes from a manager', async () => {
    const manager = await createTestUser('manager');
    const response = await callRoute(create, '/api/v1/users', { method: 'POST', headers: manager.headers, body: { username: uniqueName('m'), password: 'Plum-Kettle-Harbour-81', role: 'admin' } });
    expect(response.status).toBe(403);
  });

  it('sets limits on a user: admins anyone, managers user-role accounts only; every field checked', async () => {
    const manager = await createTestUser('manager');
    const bob = await createTestUser('user');
    const limit = (target: TestUser, caller: TestUser, body: unknown) =>
      callRoute(setLimits, `/api/v1/users/${target.id}/limits`, { ...withId(target.id, caller), method: 'PUT', body });
    const set = await limit(bob, manager, { allowed_models: ['alpha', 'alpha'], rpm_limit: 3, monthly_budget: 1.5 });
    expect(set.status).toBe(200);
    expect(set.json.data).toMatchObject({ allowed_models: ['alpha'], rpm_limit: 3, monthly_budget: 1.5 });
    // Fields left out stay; null lifts a limit.
    expect((await limit(bob, admin, { rpm_limit: null })).json.data).toMatchObject({ allowed_models: ['alpha'], rpm_limit: null, monthly_budget: 1.5 });
    expect((await limit(manager, manager, { rpm_limit: 1000 })).status).toBe(403);
    expect((await limit(admin, manager, { rpm_limit: 1 })).status).toBe(403);
    expect((await limit(await createTestUser('manager'), admin, { rpm_limit: 10 })).status).toBe(200);
    const invalid = await limit(bob, admin, { rpm_limit: 0, monthly_budget: -1, allowed_models: [''] });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors.map((error: { field: string }) => error.field).sort()).toEqual(['allowed_models.0', 'monthly_budget', 'rpm_limit']);
    const audit = await db.auditLog.findFirstOrThrow({ where: { target: 'user', targetId: String(bob.id), action: 'set_limits' }, orderBy: { id: 'desc' } });
    expect(audit.detail).toMatchObject({ rpm_limit: null });

    // Bob may now mint tokens only within his limits.
    const mint = (body: unknown) => callRoute(createToken, '/api/v1/user-tokens', { method: 'POST', headers: bob.headers, body });
    expect((await mint({})).status).toBe(200);
    const wider = await mint({ allowed_models: ['alpha', 'beta'] });
    expect(wider.status).toBe(403);
    expect(wider.json).toEqual({
      code: 403,
      message: 'allowed_models may only name models the owner may use; not "beta"',
      errors: [{ field: 'allowed_models', message: 'allowed_models may only name models the owner may use; not "beta"' }],
    });
    expect((await mint({ monthly_budget: 2 })).json.errors[0].field).toBe('monthly_budget');
  });
});
