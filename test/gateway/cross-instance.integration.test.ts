// Cache invalidation across instances: a second gateway process (a child tsx process with its own caches and
// its own LISTEN connection) on the same database must refuse a token revoked through this one within 2 s.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATCH as setModelStatus } from '../../app/api/v1/ai-models/[id]/status/route';
import { DELETE as revokeToken } from '../../app/api/v1/user-tokens/[id]/route';
import { db } from '../../lib/db';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser } from '../helpers/users';
import { createModel, createProvider, createUserToken, uniqueName } from './fixtures';
import { spawnGatewayProcess } from './spawn-gateway-process';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed();
let child: ChildProcess;
let childUrl: string;

beforeAll(async () => {
  await ensurePolicies();
  ({ child, url: childUrl } = await spawnGatewayProcess());
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
});

async function callChild(model: string, token: string): Promise<number> {
  const response = await fetch(`${childUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('cache invalidation across gateway processes', () => {
  it('a token revoked through this process is refused by the other within 2 seconds', async () => {
    const model = uniqueName('cross');
    const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
    await createModel({ name: model, providerId: provider.id });
    const token = await createUserToken();
    const admin = await createTestUser('admin');

    expect(await callChild(model, token.plaintext)).toBe(200);

    // Changed behind the gateway's back (no notification), the other process keeps serving from its cache:
    // what follows is the notification's doing, not a cache miss.
    await db.userToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect(await callChild(model, token.plaintext)).toBe(200);
    await db.userToken.update({ where: { id: token.id }, data: { revokedAt: null } });

    const revokedAt = Date.now();
    const revoked = await callRoute(revokeToken, `/api/v1/user-tokens/${token.id}`, { method: 'DELETE', headers: admin.headers, params: { id: String(token.id) } });
    expect(revoked.status).toBe(200);
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 2000) {
      status = await callChild(model, token.plaintext);
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(2000);
  });

  it('a model disabled through this process stops routing in the other', async () => {
    const model = uniqueName('cross-model');
    const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
    const row = await createModel({ name: model, providerId: provider.id });
    const token = await createUserToken();
    const admin = await createTestUser('admin');
    expect(await callChild(model, token.plaintext)).toBe(200);

    const disabled = await callRoute(setModelStatus, `/api/v1/ai-models/${row.id}/status`, {
      method: 'PATCH',
      headers: admin.headers,
      body: { status: 'disabled' },
      params: { id: String(row.id) },
    });
    expect(disabled.status).toBe(200);
    await expect.poll(() => callChild(model, token.plaintext), { timeout: 2000, interval: 50 }).toBe(404);
  });
});
