// A manager who may edit providers but was never shown their keys tries to get one: repoint the provider's
// api_url (or its protocol) at a server of their own, then press Test, turn the key back on, or send model
// requests through the gateway. The "own server" is a real HTTP server on loopback that records all it receives.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PUT as setKey } from '../../app/api/v1/provider-tokens/[id]/route';
import { POST as addKey } from '../../app/api/v1/provider-tokens/route';
import { POST as testProvider } from '../../app/api/v1/providers/[id]/test/route';
import { PUT as updateProvider } from '../../app/api/v1/providers/[id]/route';
import { POST as createProvider } from '../../app/api/v1/providers/route';
import { db } from '../../lib/db';
import { createModel, createUserToken, uniqueName, type TokenFixture } from '../gateway/fixtures';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { closeTestGateways, useFreshTestGateway } from '../helpers/test-gateway';
import { createTestUser, type TestUser } from '../helpers/users';
import { startUpstreamStub, type UpstreamStub } from '../upstream-stub';
import { startHostileUpstream, type HostileUpstream } from './hostile-upstream';

const KEY = `sk-live-${randomBytes(16).toString('hex')}`;

let admin: TestUser;
let manager: TestUser;
let stub: UpstreamStub;
let hostile: HostileUpstream;
let caller: TokenFixture;

beforeAll(async () => {
  await ensurePolicies();
  [admin, manager] = await Promise.all([createTestUser('admin'), createTestUser('manager')]);
  stub = await startUpstreamStub({ apiKey: KEY });
  hostile = await startHostileUpstream();
  caller = await createUserToken();
});
afterAll(async () => {
  await Promise.all([stub.close(), hostile.close()]);
  await closeTestGateways();
});
beforeEach(() => {
  stub.reset();
  hostile.reset();
});

type Provider = { id: number; keyId: number; model: string };

/** What an admin set up: a provider on the real stub, its key (entered by the admin), a model route. */
async function adminsProvider(model_type: 'openai' | 'anthropic' = 'openai'): Promise<Provider> {
  const created = await callRoute(createProvider, '/api/v1/providers', {
    method: 'POST',
    headers: admin.headers,
    body: { name: uniqueName('victim'), model_type, api_url: stub.url },
  });
  expect(created.status).toBe(200);
  const id = created.json.data.id as number;
  const key = await callRoute(addKey, '/api/v1/provider-tokens', { method: 'POST', headers: admin.headers, body: { provider_id: id, token: KEY } });
  expect(key.status).toBe(200);
  const model = uniqueName('victim-model');
  await createModel({ name: model, providerId: id });
  return { id, keyId: key.json.data.id, model };
}

const edit = (id: number, body: object, who = manager) =>
  callRoute(updateProvider, `/api/v1/providers/${id}`, { method: 'PUT', headers: who.headers, params: { id: String(id) }, body });
const pressTest = (id: number, body: object = {}) =>
  callRoute(testProvider, `/api/v1/providers/${id}/test`, { method: 'POST', headers: manager.headers, params: { id: String(id) }, body });
const setActive = (keyId: number, active: boolean) =>
  callRoute(setKey, `/api/v1/provider-tokens/${keyId}`, { method: 'PUT', headers: manager.headers, params: { id: String(keyId) }, body: { active } });
const chat = (gateway: ReturnType<typeof useFreshTestGateway>, model: string) =>
  gateway.handleChatCompletions(
    new Request('http://localhost/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.plaintext}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    }),
  );

describe('repointing a provider at a server of ones own', () => {
  it('retires the key with the api_url change: Test answers 409, turning it on is refused, and the server never sees the key', async () => {
    const provider = await adminsProvider();
    expect((await pressTest(provider.id)).json.data).toMatchObject({ ok: true, status: 200 });

    const moved = await edit(provider.id, { api_url: hostile.url });
    expect(moved.status).toBe(200);
    expect(moved.json.data).toMatchObject({ api_url: hostile.url, retired_keys: 1 });
    const key = await db.providerToken.findUniqueOrThrow({ where: { id: provider.keyId } });
    expect(key).toMatchObject({ active: false, retiredAt: expect.any(Date) });

    const tested = await pressTest(provider.id);
    expect(tested.status).toBe(409);
    expect(tested.json).toEqual({ code: 409, message: 'provider has no active key' });

    const turnedOn = await setActive(provider.keyId, true);
    expect(turnedOn.status).toBe(409);
    expect(turnedOn.json.message).toMatch(/cannot be turned on again: add the key anew$/);
    expect(await db.providerToken.findUniqueOrThrow({ where: { id: provider.keyId } })).toMatchObject({ active: false });

    // Pointing it back does not bring the key back either.
    expect((await edit(provider.id, { api_url: stub.url })).json.data.retired_keys).toBe(0);
    expect((await pressTest(provider.id)).status).toBe(409);

    expect(hostile.requests).toHaveLength(0);
    expect(hostile.everythingReceived()).not.toContain(KEY);
  });

  it('retires the key with a protocol change, which would send it in another header', async () => {
    const provider = await adminsProvider('openai');
    const changed = await edit(provider.id, { model_type: 'anthropic' });
    expect(changed.json.data).toMatchObject({ model_type: 'anthropic', retired_keys: 1 });
    expect((await pressTest(provider.id)).status).toBe(409);
  });

  it('keeps the keys of an edit that changes neither api_url nor protocol, the same URL written again included', async () => {
    const provider = await adminsProvider();
    const edited = await edit(provider.id, { api_url: `${stub.url}/`, model_type: 'openai', timeout_ms: 5000, name: uniqueName('renamed') });
    expect(edited.json.data.retired_keys).toBe(0);
    expect((await pressTest(provider.id)).json.data).toMatchObject({ ok: true, status: 200 });
  });

  it('sends nothing to the new server from the gateway either, though the route was cached with the key before the change', async () => {
    const provider = await adminsProvider();
    const gateway = useFreshTestGateway();
    const before = await chat(gateway, provider.model);
    expect(before.status).toBe(200);
    await before.text();

    await edit(provider.id, { api_url: hostile.url });
    const after = await chat(gateway, provider.model);
    expect(after.status).toBe(404);
    await after.text();

    expect(hostile.requests).toHaveLength(0);
  });

  it('sends the new server only a key entered again after the change', async () => {
    const provider = await adminsProvider();
    await edit(provider.id, { api_url: hostile.url });
    const ownKey = `sk-managers-own-${randomBytes(8).toString('hex')}`;
    const added = await callRoute(addKey, '/api/v1/provider-tokens', { method: 'POST', headers: manager.headers, body: { provider_id: provider.id, token: ownKey } });
    expect(added.status).toBe(200);

    expect((await pressTest(provider.id)).json.data).toMatchObject({ ok: true, status: 200 });
    expect(hostile.requests).toHaveLength(1);
    expect(hostile.requests[0].headers.authorization).toBe(`Bearer ${ownKey}`);
    expect(hostile.everythingReceived()).not.toContain(KEY);
  });
});

describe('what Test shows of an answer it did not expect', () => {
  let providerId: number;
  const OWN_KEY = `sk-test-${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    const created = await callRoute(createProvider, '/api/v1/providers', {
      method: 'POST',
      headers: manager.headers,
      body: { name: uniqueName('hostile'), model_type: 'openai', api_url: hostile.url },
    });
    providerId = created.json.data.id;
    await callRoute(addKey, '/api/v1/provider-tokens', { method: 'POST', headers: manager.headers, body: { provider_id: providerId, token: OWN_KEY } });
  });

  const SECRET = 'internal-secret-9f8e7d';

  it.each([
    ['an HTML page', 500, 'text/html', `<html><body><script>alert(1)</script>${SECRET}</body></html>`],
    ['plain text', 502, 'text/plain', `upstream says ${SECRET}`],
    ['JSON of another shape', 403, 'application/json', JSON.stringify({ message: SECRET, detail: { token: SECRET } })],
    ['JSON with error as a string', 401, 'application/json', JSON.stringify({ error: SECRET })],
    ['JSON with a non-string message', 400, 'application/json', JSON.stringify({ error: { message: { nested: SECRET } } })],
    ['a JSON array', 400, 'application/json', JSON.stringify([{ error: { message: SECRET } }])],
    ['cloud metadata credentials', 404, 'application/json', JSON.stringify({ AccessKeyId: 'ASIA0000', SecretAccessKey: SECRET, Token: SECRET })],
    ['several megabytes of text', 400, 'text/plain', `${SECRET} ${'A'.repeat(5 * 1024 * 1024)}`],
  ])('%s (HTTP %i) shows only the status', async (_what, status, contentType, body) => {
    hostile.answer({ status, contentType, body });
    const response = await pressTest(providerId);
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({ ok: false, latency_ms: expect.any(Number), status, message: `HTTP ${status}` });
    expect(response.text).not.toContain(SECRET);
  });

  it('a successful answer of any body contributes nothing of it', async () => {
    hostile.answer({ status: 200, contentType: 'application/json', body: JSON.stringify({ AccessKeyId: 'ASIA0000', SecretAccessKey: SECRET }) });
    const listed = await pressTest(providerId);
    expect(listed.json.data).toEqual({ ok: true, latency_ms: expect.any(Number), status: 200, message: 'The model list answered' });
    hostile.answer({ status: 200, contentType: 'text/html', body: `<h1>${SECRET}</h1>` });
    const completed = await pressTest(providerId, { model: 'gpt-4o' });
    expect(completed.json.data).toEqual({ ok: true, latency_ms: expect.any(Number), status: 200, message: 'gpt-4o answered' });
    expect(listed.text + completed.text).not.toContain(SECRET);
  });

  it('an OpenAI-shaped error gives one short printable line, without control characters and with the key blanked', async () => {
    const message = `\u001b[31mInvalid\u0007 key ${OWN_KEY}\r\nInjected: header\u202e\u200b ${'x'.repeat(400)}`;
    hostile.answer({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { message, type: 'invalid_request_error' } }) });
    const response = await pressTest(providerId);
    const shown = response.json.data.message as string;
    expect(shown.startsWith('HTTP 401: [31mInvalid key [redacted] Injected: header x')).toBe(true);
    expect(shown).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(Array.from(shown.slice('HTTP 401: '.length))).toHaveLength(201);
    expect(shown.endsWith('…')).toBe(true);
    expect(response.text).not.toContain(OWN_KEY);
  });

  it('an Anthropic-shaped error gives its message', async () => {
    const body = { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } };
    hostile.answer({ status: 401, contentType: 'application/json', body: JSON.stringify(body) });
    expect((await pressTest(providerId)).json.data).toEqual({ ok: false, latency_ms: expect.any(Number), status: 401, message: 'HTTP 401: invalid x-api-key' });
  });
});
