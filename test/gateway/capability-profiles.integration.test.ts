// Capability profiles and cache-write prices, over HTTP through the served gateway against the loopback stub:
// the route store's profile (catalogue ← host ← provider override ← route override) shapes what the provider gets.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../lib/db';
import { usageRowOf } from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ serve: true, freshGateway: true });
let token: TokenFixture;

beforeAll(async () => {
  token = await createUserToken();
});

const messages = (model: string, extra: Record<string, unknown> = {}) =>
  fetch(`${bed.gatewayUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': token.plaintext, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model, max_tokens: 200_000, temperature: 0.5, messages: [{ role: 'user', content: 'hello' }], ...extra }),
  });

async function openaiRoute(providerModelName: string, overrides: { provider?: Prisma.InputJsonObject; route?: Prisma.InputJsonObject } = {}) {
  const name = uniqueName('profile');
  const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url, capabilityOverrides: overrides.provider });
  await createModel({ name, providerId: provider.id, providerModelName, capabilityOverrides: overrides.route });
  return name;
}

const sentBody = () => bed.stub.requests[0].body as Record<string, unknown>;

describe('capability profile of a route', () => {
  it('drops temperature toward gpt-5, which the catalogue says refuses sampling parameters, and clamps max_tokens to its limit', async () => {
    const response = await messages(await openaiRoute('gpt-5'));
    expect(response.status).toBe(200);
    expect(sentBody()).not.toHaveProperty('temperature');
    expect(sentBody().max_completion_tokens).toBe(128_000);
  });

  it('keeps temperature for a model the catalogue does not know (the safe defaults)', async () => {
    const response = await messages(await openaiRoute('local-llama-finetune'));
    expect(response.status).toBe(200);
    expect(sentBody().temperature).toBe(0.5);
    expect(sentBody().max_completion_tokens).toBe(200_000);
  });

  it("lets the route's override win over the catalogue (gpt-5 capped at 5000 output tokens)", async () => {
    const response = await messages(await openaiRoute('gpt-5', { route: { maxOutputTokens: 5000 } }));
    expect(response.status).toBe(200);
    expect(sentBody().max_completion_tokens).toBe(5000);
  });

  it("applies the provider's override to its routes, below the route's own override", async () => {
    const name = await openaiRoute('local-model', { provider: { maxOutputTokens: 1000, legacyMaxTokens: true }, route: { maxOutputTokens: 800 } });
    const response = await messages(name);
    expect(response.status).toBe(200);
    expect(sentBody().max_tokens).toBe(800);
    expect(sentBody()).not.toHaveProperty('max_completion_tokens');
  });
});

describe('cache-write prices', () => {
  it('bills the cache creation an Anthropic provider reports at the route cache-write price', async () => {
    const name = uniqueName('cache-write');
    const provider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
    await createModel({ name, providerId: provider.id, providerModelName: 'claude-sonnet-4-5', inputPrice: '3', outputPrice: '15', cacheReadPrice: '0.3', cacheWritePrice: '3.75' });
    bed.stub.enqueue({ kind: 'completion', usage: { input: 1000, output: 100, cacheRead: 4000, cacheWrite: 2000 } });
    const response = await messages(name, { max_tokens: 100 });
    expect(response.status).toBe(200);
    const row = await usageRowOf(response);
    // 1000 × 3 + 2000 × 3.75 + 4000 × 0.3 = 11700 per 1M; 100 × 15 = 1500 per 1M.
    expect(row).toMatchObject({ cacheCreationTokens: 2000, cacheReadTokens: 4000 });
    expect(row.inputCost.toFixed()).toBe('0.0117');
    expect(row.totalCost.toFixed()).toBe('0.0132');
  });

  it('bills cache creation at the input price on a route without a cache-write price', async () => {
    const name = uniqueName('cache-write-unpriced');
    const provider = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
    await createModel({ name, providerId: provider.id, inputPrice: '3', outputPrice: '15' });
    bed.stub.enqueue({ kind: 'completion', usage: { input: 1000, output: 0, cacheRead: 0, cacheWrite: 2000 } });
    const row = await usageRowOf(await messages(name, { max_tokens: 100 }));
    expect(row.inputCost.toFixed()).toBe('0.009');
  });
});
