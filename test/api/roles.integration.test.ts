import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as me } from '../../app/api/v1/auth/me/route';
import { isGeneratedHandler } from '../../lib/api';
import { RoleAuthorizer } from '../../lib/rbac';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser } from '../helpers/users';

type Role = 'admin' | 'manager' | 'user';

// Every (method, path) of the admin API and the roles that may call it; the rest must be denied.
const ACCESS: Array<[method: string, path: string, allowed: Role[]]> = [
  ['GET', '/api/v1/auth/me', ['admin', 'manager', 'user']],
  ['POST', '/api/v1/auth/logout', ['admin', 'manager', 'user']],
  ['PUT', '/api/v1/auth/password', ['admin', 'manager', 'user']],

  ['GET', '/api/v1/providers', ['admin', 'manager']],
  ['GET', '/api/v1/providers/all', ['admin', 'manager']],
  ['POST', '/api/v1/providers', ['admin', 'manager']],
  ['GET', '/api/v1/providers/7', ['admin', 'manager']],
  ['PUT', '/api/v1/providers/7', ['admin', 'manager']],
  ['DELETE', '/api/v1/providers/7', ['admin', 'manager']],
  ['POST', '/api/v1/providers/7/test', ['admin', 'manager']],
  ['GET', '/api/v1/providers/7/models', ['admin', 'manager']],
  ['POST', '/api/v1/providers/7/models', ['admin', 'manager']],

  ['GET', '/api/v1/provider-tokens', ['admin', 'manager']],
  ['POST', '/api/v1/provider-tokens', ['admin', 'manager']],
  ['PUT', '/api/v1/provider-tokens/3', ['admin', 'manager']],
  ['DELETE', '/api/v1/provider-tokens/3', ['admin', 'manager']],
  ['GET', '/api/v1/provider-tokens/by-provider/7', ['admin', 'manager']],

  ['GET', '/api/v1/ai-models', ['admin', 'manager']],
  ['POST', '/api/v1/ai-models', ['admin', 'manager']],
  ['GET', '/api/v1/ai-models/catalogue', ['admin', 'manager']],
  ['GET', '/api/v1/ai-models/5', ['admin', 'manager']],
  ['PUT', '/api/v1/ai-models/5', ['admin', 'manager']],
  ['DELETE', '/api/v1/ai-models/5', ['admin', 'manager']],
  ['PATCH', '/api/v1/ai-models/5/status', ['admin', 'manager']],
  ['POST', '/api/v1/ai-models/5/status', ['admin', 'manager']],

  ['GET', '/api/v1/user-tokens', ['admin', 'manager', 'user']],
  ['POST', '/api/v1/user-tokens', ['admin', 'manager', 'user']],
  ['GET', '/api/v1/user-tokens/9', ['admin', 'manager', 'user']],
  ['DELETE', '/api/v1/user-tokens/9', ['admin', 'manager', 'user']],
  ['POST', '/api/v1/user-tokens/9/regenerate', ['admin', 'manager', 'user']],
  ['POST', '/api/v1/user-tokens/validate', ['admin', 'manager', 'user']],

  ['GET', '/api/v1/users', ['admin', 'manager']],
  ['GET', '/api/v1/users/2', ['admin', 'manager']],
  ['POST', '/api/v1/users', ['admin']],
  ['PUT', '/api/v1/users/2', ['admin']],
  ['DELETE', '/api/v1/users/2', ['admin']],
  ['PUT', '/api/v1/users/2/password', ['admin']],
  ['PUT', '/api/v1/users/2/limits', ['admin', 'manager']],

  ['GET', '/api/v1/usage', ['admin', 'manager', 'user']],
  ['GET', '/api/v1/usage/stats', ['admin', 'manager', 'user']],
  ['GET', '/api/v1/usage/trend', ['admin', 'manager', 'user']],
  ['GET', '/api/v1/usage/distribution', ['admin', 'manager', 'user']],
  ['GET', '/api/v1/usage/export', ['admin', 'manager', 'user']],
  ['GET', '/api/v1/usage/12', ['admin', 'manager', 'user']],

  ['GET', '/api/v1/audit-logs', ['admin']],
];

const ROLES: Role[] = ['admin', 'manager', 'user'];

// Reached before there is a session, so outside the role table.
const PUBLIC_ROUTES = ['POST /api/v1/auth/login', 'GET /api/v1/crypto/public-key'];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every `METHOD /api/v1/...` the route files export, dynamic segments written `[id]`. */
async function exportedRoutes(): Promise<string[]> {
  const root = path.join(process.cwd(), 'app', 'api', 'v1');
  const files = (await readdir(root, { recursive: true })).filter((file) => path.basename(file) === 'route.ts');
  const routes: string[] = [];
  for (const file of files) {
    const handlers: Record<string, unknown> = await import(path.join(root, file));
    const urlPath = `/api/v1/${path.dirname(file).split(path.sep).join('/')}`.replace(/\/\.$/, '');
    for (const method of HTTP_METHODS) {
      if (typeof handlers[method] === 'function' && !isGeneratedHandler(handlers[method])) routes.push(`${method} ${urlPath}`);
    }
  }
  return routes.sort();
}

describe('role policies', () => {
  beforeAll(ensurePolicies);
  const authorizer = new RoleAuthorizer();

  const cases = ACCESS.flatMap(([method, path, allowed]) =>
    ROLES.map((role) => ({ role, method, path, expected: allowed.includes(role) })),
  );

  it.each(cases)('$role $method $path → allowed: $expected', async ({ role, method, path, expected }) => {
    expect(await authorizer.can(role, path, method)).toBe(expected);
  });

  it('covers every method and path the API exports', async () => {
    const inTable = ACCESS.map(([method, samplePath]) => `${method} ${samplePath.replace(/\/\d+(?=\/|$)/g, '/[id]')}`);
    expect([...inTable, ...PUBLIC_ROUTES].sort()).toEqual(await exportedRoutes());
  }, 60_000);

  it('every route file answers every method: with its own handler, or a 405 in the envelope naming the others', async () => {
    const root = path.join(process.cwd(), 'app', 'api', 'v1');
    const files = (await readdir(root, { recursive: true })).filter((file) => path.basename(file) === 'route.ts');
    for (const file of files) {
      const handlers: Record<string, unknown> = await import(path.join(root, file));
      expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((method) => typeof handlers[method] !== 'function'), file).toEqual([]);
    }
  }, 60_000);

  it('denies an unknown role everything', async () => {
    expect(await authorizer.can('guest', '/api/v1/auth/me', 'GET')).toBe(false);
  });

  it('answers 401 without a session and 403 in the envelope when the role lacks the permission', async () => {
    const anonymous = await callRoute(me, '/api/v1/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ code: 401, message: 'Authentication required' });

    // The wrapper authorizes by the request's own path, so a user calling a manager path is refused before the handler.
    const user = await createTestUser('user');
    const denied = await callRoute(me, '/api/v1/providers', { headers: user.headers });
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ code: 403, message: 'You do not have permission to do this' });
  });
});
