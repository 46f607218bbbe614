// A database outage under load: a gateway process on a PostgreSQL server of this test's own, which the test stops and
// starts again. Requests whose token and routes are cached are served throughout; those that need the database get
// 503 with Retry-After in their client's shape; every usage row is written once the database is back.
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../lib/db/generated/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { sealSecret } from '../../lib/secrets';
import { generateUserTokenSecret } from '../../lib/secrets/user-token-secret';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';
import { spawnGatewayProcess, type GatewayProcess } from './spawn-gateway-process';

let server: ThrowawayPostgres;
let store: PrismaClient;
let stub: UpstreamStub;
let gateway: GatewayProcess;

const MODEL = 'outage-model';

async function createToken(username: string, monthlyBudget: string | null = null): Promise<{ id: number; plaintext: string }> {
  const user = await store.user.create({ data: { username, name: username, passwordHash: 'unused' } });
  const secret = generateUserTokenSecret();
  const token = await store.userToken.create({ data: { userId: user.id, name: 'test', tokenHash: secret.hash, tokenPrefix: secret.prefix, monthlyBudget } });
  return { id: token.id, plaintext: secret.plaintext };
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  await migrateDatabase(server.url);
  store = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }) });
  stub = await startUpstreamStub();
  const provider = await store.provider.create({ data: { name: 'outage-provider', modelType: 'openai', apiUrl: stub.url } });
  await store.providerToken.create({ data: { providerId: provider.id, token: await sealSecret('sk-outage-key'), tokenHint: '-key' } });
  await store.aiModel.create({ data: { name: MODEL, providerId: provider.id, providerModelName: 'upstream-model' } });
  gateway = await spawnGatewayProcess({ DATABASE_URL: server.url, AXONGATE_USAGE_FLUSH_MS: '200' });
}, 60_000);

afterAll(async () => {
  gateway?.child.kill('SIGKILL');
  await store?.$disconnect();
  await stub?.close();
  await server?.destroy();
});

function chat(token: string): Promise<Response> {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

function messages(token: string): Promise<Response> {
  return fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': token, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: MODEL, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

describe('a database outage', () => {
  it('serves cached tokens and routes, refuses the rest with 503 in the client\'s shape, and writes every row afterwards', async () => {
    const cached = await createToken('cached-user');
    const unknown = await createToken('uncached-user');
    // A token with a budget is checked against the spend last read while the database cannot be asked.
    const budgeted = await createToken('budgeted-user', '100');
    for (const token of [cached, budgeted]) {
      const warm = await chat(token.plaintext);
      expect(warm.status).toBe(200);
      await warm.text();
    }

    await server.stop();
    const statuses: number[] = [];
    // About 20 requests a second for 3 seconds, while the database is gone.
    for (let round = 0; round < 60; round++) {
      const response = await chat((round % 3 === 2 ? budgeted : cached).plaintext);
      statuses.push(response.status);
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const refusedOpenAI = await chat(unknown.plaintext);
    const refusedAnthropic = await messages(unknown.plaintext);

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(refusedOpenAI.status).toBe(503);
    expect(refusedOpenAI.headers.get('retry-after')).toBe('5');
    expect(await refusedOpenAI.json()).toMatchObject({ error: { type: 'server_error', message: expect.stringContaining('database') } });
    expect(refusedAnthropic.status).toBe(503);
    expect(await refusedAnthropic.json()).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.stringContaining('database') } });

    await server.start();
    // The warm-ups and the 60 served requests were authenticated: each has its row once the database is back, and
    // the budgeted token's spend counter has its rows.
    await expect
      .poll(async () => store.usage.count({ where: { userTokenId: { in: [cached.id, budgeted.id] } } }), { timeout: 20_000, interval: 250 })
      .toBe(62);
    expect(await store.usage.count({ where: { userTokenId: budgeted.id } })).toBe(21);
    expect(await store.spendReservation.count()).toBe(0);
  }, 60_000);
});
