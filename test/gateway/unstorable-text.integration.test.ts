// Attacks on billing with text PostgreSQL cannot store (issue: "a NUL byte stops all billing"): a model name with
// NUL, a lone surrogate or 8 KB of characters, sent over HTTP to the served gateway. Each is refused in the client's
// shape, and every later request of anyone still gets its usage row.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { flushTestUsage } from '../helpers/test-gateway';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ serve: true });
let attacker: TokenFixture;
let bystander: TokenFixture;
const alpha = uniqueName('alpha');

beforeAll(async () => {
  const provider = await createProvider({ type: 'openai', apiUrl: `${bed.stub.url}/v1` });
  await createModel({ name: alpha, providerId: provider.id });
  attacker = await createUserToken({ allowedModels: [alpha] });
  bystander = await createUserToken();
});

/** The body as raw JSON text, so escapes such as \u0000 and \ud800 reach the server exactly as written. */
async function post(path: string, token: string, rawJson: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${bed.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: rawJson,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const chat = (model: string) => `{"model":${model},"messages":[{"role":"user","content":"hi"}]}`;

describe('text PostgreSQL cannot store, in /v1 requests', () => {
  it.each([
    ['a NUL byte', '"ALPHA\\u0000"'],
    ['a lone high surrogate', '"ALPHA\\ud800"'],
    ['a lone low surrogate', '"\\udc00ALPHA"'],
  ])('a model name with %s is refused with 400 in the OpenAI shape', async (_, model) => {
    const { status, body } = await post('/v1/chat/completions', attacker.plaintext, chat(model.replace('ALPHA', alpha)));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('model') });
  });

  it('a model name with NUL is refused with 400 in the Anthropic shape on /v1/messages', async () => {
    const raw = `{"model":"${alpha}\\u0000","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}`;
    const { status, body } = await post('/v1/messages', attacker.plaintext, raw, { 'anthropic-version': '2023-06-01' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('a model name of 8 KB is refused with 400 instead of reaching an index', async () => {
    const { status, body } = await post('/v1/chat/completions', bystander.plaintext, chat(JSON.stringify(randomBytes(4_000).toString('hex'))));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ message: 'model: at most 256 characters' });
  });

  it('after every attack, billing goes on: the attacks and a normal request all have their usage rows', async () => {
    await flushTestUsage();
    const before = await db.usage.count({ where: { userTokenId: attacker.id } });
    for (const model of ['"ALPHA\\u0000"', '"ALPHA\\ud800"']) await post('/v1/chat/completions', attacker.plaintext, chat(model.replace('ALPHA', alpha)));
    const normal = await post('/v1/chat/completions', bystander.plaintext, chat(JSON.stringify(alpha)));
    expect(normal.status).toBe(200);
    await flushTestUsage();
    expect(await db.usage.count({ where: { userTokenId: attacker.id } })).toBe(before + 2);
    const rows = await db.usage.findMany({ where: { userTokenId: bystander.id, status: 'ok' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ modelName: alpha, httpStatus: 200 });
  });
});

describe('a body that says two things at once', () => {
  it('a repeated top-level key is refused with 400, so the allow-list and the provider cannot read different models', async () => {
    bed.stub.reset();
    const raw = `{"model":"not-allowed","messages":[{"role":"user","content":"hi"}],"model":"${alpha}"}`;
    const { status, body } = await post('/v1/chat/completions', attacker.plaintext, raw);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', message: 'Request body repeats the key "model"' });
    const anthropicShape = await post('/v1/messages', attacker.plaintext, raw.replace('"messages"', '"max_tokens":5,"messages"'), { 'anthropic-version': '2023-06-01' });
    expect(anthropicShape.status).toBe(400);
    expect(anthropicShape.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(bed.stub.requests).toHaveLength(0);
  });
});
