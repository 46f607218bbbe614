// The gateway's own refusals, each in the client's protocol shape with the right status.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { usageRowOf } from './exchange-helpers';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName } from './fixtures';
import { flushTestUsage, testGateway, useFreshTestGateway } from '../helpers/test-gateway';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed();
const model = uniqueName('errors');
const otherModel = uniqueName('errors-other');

beforeAll(async () => {
  const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: provider.id, inputPrice: '1000000', outputPrice: '0' });
  await createModel({ name: otherModel, providerId: provider.id });
});
beforeEach(() => bed.stub.reset());

type Call = (headers: Record<string, string>, body?: unknown) => Promise<Response>;

const openai: Call = (headers, body) =>
  testGateway().handleChatCompletions(jsonRequest('/v1/chat/completions', body ?? { model, messages: [{ role: 'user', content: 'hi' }] }, headers));
const anthropic: Call = (headers, body) =>
  testGateway().handleMessages(jsonRequest('/v1/messages', body ?? { model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }, headers));

async function expectOpenAIError(response: Response, status: number, type: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ message: expect.any(String), type, param: null });
  expect(body.error).toHaveProperty('code');
  return body.error.message as string;
}

async function expectAnthropicError(response: Response, status: number, type: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toMatchObject({ type: 'error', error: { type, message: expect.any(String) } });
  return body.error.message as string;
}

describe('401', () => {
  it('missing, unknown and revoked tokens, in both shapes', async () => {
    await expectOpenAIError(await openai({}), 401, 'invalid_request_error');
    await expectAnthropicError(await anthropic({}), 401, 'authentication_error');
    await expectOpenAIError(await openai({ authorization: 'Bearer sk-ag-unknown' }), 401, 'invalid_request_error');
    await expectAnthropicError(await anthropic({ 'x-api-key': 'sk-ag-unknown' }), 401, 'authentication_error');
    const token = await createUserToken();
    await db.userToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect(await expectAnthropicError(await anthropic({ 'x-api-key': token.plaintext }), 401, 'authentication_error')).toMatch(/revoked/);
    expect(bed.stub.requests).toHaveLength(0);
  });

  it('an expired token', async () => {
    const token = await createUserToken();
    await db.userToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expectOpenAIError(await openai({ authorization: `Bearer ${token.plaintext}` }), 401, 'invalid_request_error')).toMatch(/expired/);
  });
});

describe('403 and 404', () => {
  it('a model outside the token allow-list is 403 in both shapes', async () => {
    const token = await createUserToken({ allowedModels: [otherModel] });
    await expectOpenAIError(await openai({ authorization: `Bearer ${token.plaintext}` }), 403, 'permission_error');
    await expectAnthropicError(await anthropic({ 'x-api-key': token.plaintext }), 403, 'permission_error');
    expect((await openai({ authorization: `Bearer ${token.plaintext}` }, { model: otherModel, messages: [] })).status).toBe(200);
  });

  it('an unknown model is 404 in both shapes', async () => {
    const token = await createUserToken();
    const body = { model: 'no-such-model', max_tokens: 5, messages: [] };
    await expectOpenAIError(await openai({ authorization: `Bearer ${token.plaintext}` }, body), 404, 'invalid_request_error');
    await expectAnthropicError(await anthropic({ 'x-api-key': token.plaintext }, body), 404, 'not_found_error');
  });
});

describe('400 and 413', () => {
  it('malformed JSON and a missing model name the problem', async () => {
    const token = await createUserToken();
    expect(await expectOpenAIError(await openai({ authorization: `Bearer ${token.plaintext}` }, '{"model": '), 400, 'invalid_request_error')).toMatch(
      /not valid JSON/,
    );
    expect(await expectAnthropicError(await anthropic({ 'x-api-key': token.plaintext }, { messages: [] }), 400, 'invalid_request_error')).toMatch(/^model:/);
    expect(await expectOpenAIError(await openai({ authorization: `Bearer ${token.plaintext}` }, { model }), 400, 'invalid_request_error')).toMatch(/^messages:/);
  });

  it('a body over the limit is 413 in both shapes', async () => {
    useFreshTestGateway({ settings: { maxBodyBytes: 2048 } });
    try {
      const token = await createUserToken();
      const big = { model, max_tokens: 5, messages: [{ role: 'user', content: 'x'.repeat(4096) }] };
      await expectOpenAIError(await openai({ authorization: `Bearer ${token.plaintext}` }, big), 413, 'invalid_request_error');
      await expectAnthropicError(await anthropic({ 'x-api-key': token.plaintext }, big), 413, 'request_too_large');
    } finally {
      useFreshTestGateway();
    }
    expect(bed.stub.requests).toHaveLength(0);
  });
});

describe('429', () => {
  it('over rpm_limit: 429 with Retry-After in both shapes', async () => {
    const token = await createUserToken({ rpmLimit: 2 });
    expect((await openai({ authorization: `Bearer ${token.plaintext}` })).status).toBe(200);
    expect((await openai({ authorization: `Bearer ${token.plaintext}` })).status).toBe(200);
    const limited = await openai({ authorization: `Bearer ${token.plaintext}` });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectOpenAIError(limited, 429, 'rate_limit_exceeded');
    const anthropicLimited = await anthropic({ 'x-api-key': token.plaintext });
    expect(anthropicLimited.headers.get('retry-after')).not.toBeNull();
    await expectAnthropicError(anthropicLimited, 429, 'rate_limit_error');
    expect(bed.stub.requests).toHaveLength(2);
  });

  it('over monthly_budget: 429 with Retry-After until the month turns', async () => {
    useFreshTestGateway();
    try {
      const token = await createUserToken({ monthlyBudget: '0.5' });
      // The model costs 1 per input token, so the first answer spends the whole budget.
      const first = await openai({ authorization: `Bearer ${token.plaintext}` });
      expect(first.status).toBe(200);
      await first.text();
      await flushTestUsage();
      const refused = await openai({ authorization: `Bearer ${token.plaintext}` });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await expectOpenAIError(refused, 429, 'rate_limit_exceeded')).toMatch(/monthly budget/);
    } finally {
      useFreshTestGateway();
    }
  });

  it('records a usage row for a refused request of a known token', async () => {
    const token = await createUserToken({ allowedModels: [otherModel] });
    const response = await openai({ authorization: `Bearer ${token.plaintext}` });
    await response.text();
    const row = await usageRowOf(response);
    expect(row).toMatchObject({ status: 'error', httpStatus: 403, errorType: 'permission', modelName: model, attempts: 0, userTokenId: token.id });
  });
});
