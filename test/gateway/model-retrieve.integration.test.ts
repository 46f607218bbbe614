// GET /v1/models/{id} through the official SDKs' retrieve(): the model in each client's shape, and 404 in that
// shape for an unknown model or one the key may not use.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: false, serve: true });
let token: TokenFixture;
const allowed = `team/${uniqueName('retrieve')}`;
const forbidden = uniqueName('retrieve-forbidden');

beforeAll(async () => {
  const provider = await createProvider({ type: 'openai', apiUrl: 'http://127.0.0.1:9' });
  await createModel({ name: allowed, providerId: provider.id });
  await createModel({ name: forbidden, providerId: provider.id });
  token = await createUserToken({ allowedModels: [allowed] });
});

describe('GET /v1/models/{id}', () => {
  it('openai.models.retrieve gets the model in OpenAI\'s shape, a name with a slash included', async () => {
    const openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    const model = await openai.models.retrieve(allowed);
    expect(model).toMatchObject({ id: allowed, object: 'model', owned_by: expect.any(String), created: expect.any(Number) });
  });

  it('anthropic.models.retrieve gets it in Anthropic\'s shape', async () => {
    const anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
    const model = await anthropic.models.retrieve(allowed);
    expect(model).toMatchObject({ type: 'model', id: allowed, display_name: allowed, created_at: expect.stringMatching(/^\d{4}-/) });
  });

  it.each([
    ['an unknown model', 'no-such-model'],
    ['a model the key may not use', forbidden],
  ])('%s is a 404 in each client\'s shape', async (_, id) => {
    const openai = new OpenAI({ baseURL: `${bed.gatewayUrl}/v1`, apiKey: token.plaintext, maxRetries: 0 });
    await expect(openai.models.retrieve(id)).rejects.toMatchObject({ status: 404, error: { type: 'invalid_request_error', code: 'model_not_found' } });
    const anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
    await expect(anthropic.models.retrieve(id)).rejects.toMatchObject({ status: 404, error: { type: 'error', error: { type: 'not_found_error' } } });
  });
});
