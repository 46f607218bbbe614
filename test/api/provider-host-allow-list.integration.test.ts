// AXONGATE_PROVIDER_HOSTS set: a provider may name only the listed hosts. Creating or repointing one elsewhere
// (the cloud metadata address, a name that merely resolves to an allowed address) is refused on api_url; a provider
// stored before the list was narrowed is not called at all: not by Test, not by the gateway, not in /v1/models.
import { vi } from 'vitest';

vi.hoisted(() => {
  // Read when this file's runtime is built, which happens on first use below.
  process.env.AXONGATE_PROVIDER_HOSTS = '127.0.0.1, api.example.com';
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as testProvider } from '../../app/api/v1/providers/[id]/test/route';
import { PUT as updateProvider } from '../../app/api/v1/providers/[id]/route';
import { POST as createProvider } from '../../app/api/v1/providers/route';
import { db } from '../../lib/db';
import { serverRuntime } from '../../lib/server/runtime';
import { createModel, createProvider as storeProvider, createUserToken, uniqueName, type TokenFixture } from '../gateway/fixtures';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { closeTestGateways, useFreshTestGateway } from '../helpers/test-gateway';
import { createTestUser, type TestUser } from '../helpers/users';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';

let manager: TestUser;
let stub: UpstreamStub;
let caller: TokenFixture;
/** The stub under a name the list does not hold: it resolves to loopback, yet is not 127.0.0.1 as written. */
let unlistedUrl: string;

beforeAll(async () => {
  await ensurePolicies();
  manager = await createTestUser('manager');
  stub = await startUpstreamStub();
  caller = await createUserToken();
  unlistedUrl = stub.url.replace('127.0.0.1', 'localhost');
});
afterAll(async () => {
  await stub.close();
  await closeTestGateways();
  delete process.env.AXONGATE_PROVIDER_HOSTS;
});
beforeEach(() => stub.reset());

const create = (api_url: string) =>
  callRoute(createProvider, '/api/v1/providers', { method: 'POST', headers: manager.headers, body: { name: uniqueName('listed'), model_type: 'openai', api_url } });

describe('AXONGATE_PROVIDER_HOSTS on provider writes', () => {
  it('is the setting this file runs with', () => {
    expect(serverRuntime().providerHosts.setting).toBe('127.0.0.1,api.example.com');
  });

  it('creates providers on listed hosts', async () => {
    expect((await create(stub.url)).status).toBe(200);
    expect((await create('https://api.example.com/v1')).status).toBe(200);
  });

  it.each(['http://169.254.169.254/latest/meta-data', 'http://[::ffff:169.254.169.254]', 'https://api.example.com.evil.example', 'http://127.0.0.2:8000'])(
    'refuses to create a provider on %s: 400 on api_url naming the host',
    async (url) => {
      const response = await create(url);
      expect(response.status).toBe(400);
      const host = new URL(url).host;
      const message = `api_url: the host ${host} is not among the allowed provider hosts (AXONGATE_PROVIDER_HOSTS: 127.0.0.1,api.example.com)`;
      expect(response.json).toEqual({ code: 400, message, errors: [{ field: 'api_url', message }] });
    },
  );

  it('refuses a name that resolves to a listed address: names are matched as written', async () => {
    expect((await create(unlistedUrl)).status).toBe(400);
  });

  it('refuses to repoint a provider at an unlisted host and changes nothing, its keys included', async () => {
    const provider = await storeProvider({ type: 'openai', apiUrl: stub.url });
    const response = await callRoute(updateProvider, `/api/v1/providers/${provider.id}`, {
      method: 'PUT',
      headers: manager.headers,
      params: { id: String(provider.id) },
      body: { api_url: 'http://169.254.169.254' },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ field: 'api_url', message: expect.stringContaining('169.254.169.254') }]);
    expect(await db.provider.findUniqueOrThrow({ where: { id: provider.id } })).toMatchObject({ apiUrl: stub.url });
    expect(await db.providerToken.findFirstOrThrow({ where: { providerId: provider.id } })).toMatchObject({ active: true, retiredAt: null });
  });
});

describe('a provider stored on a host the list no longer allows', () => {
  it('is not called by Test', async () => {
    const provider = await storeProvider({ type: 'openai', apiUrl: unlistedUrl });
    const response = await callRoute(testProvider, `/api/v1/providers/${provider.id}/test`, {
      method: 'POST',
      headers: manager.headers,
      params: { id: String(provider.id) },
      body: {},
    });
    expect(response.json.data).toEqual({
      ok: false,
      latency_ms: 0,
      status: null,
      message: `not called: the host of ${unlistedUrl} is not among the allowed provider hosts (AXONGATE_PROVIDER_HOSTS)`,
    });
    expect(stub.requests).toHaveLength(0);
  });

  it('is not called by the gateway nor listed, while a listed twin is', async () => {
    const model = uniqueName('allow-list');
    const unlisted = await storeProvider({ type: 'openai', apiUrl: unlistedUrl });
    const listed = await storeProvider({ type: 'openai', apiUrl: stub.url });
    await createModel({ name: model, providerId: unlisted.id, priority: 0 });
    const onlyUnlisted = uniqueName('allow-list-only');
    await createModel({ name: onlyUnlisted, providerId: unlisted.id });
    await createModel({ name: model, providerId: listed.id, priority: 1 });
    const gateway = useFreshTestGateway();
    const send = (name: string) =>
      gateway.handleChatCompletions(
        new Request('http://localhost/v1/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.plaintext}` },
          body: JSON.stringify({ model: name, messages: [{ role: 'user', content: 'hi' }] }),
        }),
      );

    const served = await send(model);
    expect(served.status).toBe(200);
    await served.text();
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0].headers.authorization).toBe(`Bearer ${listed.keys[0].key}`);

    const refused = await send(onlyUnlisted);
    expect(refused.status).toBe(404);
    await refused.text();
    expect(stub.requests).toHaveLength(1);

    const models = await gateway.handleModels(new Request('http://localhost/v1/models', { headers: { authorization: `Bearer ${caller.plaintext}` } }));
    const names = ((await models.json()).data as { id: string }[]).map((entry) => entry.id);
    expect(names).toContain(model);
    expect(names).not.toContain(onlyUnlisted);
  });
});
