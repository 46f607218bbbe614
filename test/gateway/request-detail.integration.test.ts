// GET /api/v1/usage/{id}: one request as the Usage page's detail drawer shows it, with every upstream attempt the
// gateway made (route, key hint, status, reason, timings), read back from the row the gateway wrote.
import Anthropic from '@anthropic-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getUsage } from '../../app/api/v1/usage/[id]/route';
import { createApiSession } from '../../lib/auth';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';
import { usageRowFor } from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type ProviderFixture, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ serve: true });
let token: TokenFixture;
let admin: TestUser;
let first: ProviderFixture;
let second: ProviderFixture;
const model = uniqueName('detail');

beforeAll(async () => {
  await ensurePolicies();
  first = await createProvider({ type: 'anthropic', apiUrl: bed.stub.url });
  second = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: first.id, priority: 0 });
  await createModel({ name: model, providerId: second.id, priority: 1 });
  token = await createUserToken();
  admin = await createTestUser('admin');
});

const detailOf = (id: number, headers: Record<string, string>) => callRoute(getUsage, `/api/v1/usage/${id}`, { headers, params: { id: String(id) } });

describe('the request detail', () => {
  it('lists every attempt: the failed one with its status and reason, the converted one that answered', async () => {
    const anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
    bed.stub.enqueue({ kind: 'error', status: 529 });
    const answer = await anthropic.messages.create({ model, max_tokens: 50, service_tier: 'auto', messages: [{ role: 'user', content: 'hello' }] });
    const row = await usageRowFor(answer._request_id ?? null);

    const detail = await detailOf(Number(row.id), admin.headers);
    expect(detail.status).toBe(200);
    const data = detail.json.data;
    expect(data).toMatchObject({
      request_id: answer._request_id,
      model_name: model,
      client_protocol: 'anthropic',
      upstream_protocol: 'openai',
      attempts: 2,
      user_token_name: 'test',
      conversion_notes: [expect.stringContaining('service_tier')],
    });
    expect(data.attempt_log).toEqual([
      expect.objectContaining({
        provider_id: first.id,
        provider_name: first.name,
        provider_token_id: first.keys[0].id,
        key_hint: first.keys[0].key.slice(-4),
        upstream_protocol: 'anthropic',
        outcome: 'failed',
        http_status: 529,
        reason: 'HTTP 529',
        ttft_ms: null,
      }),
      expect.objectContaining({
        provider_id: second.id,
        key_hint: second.keys[0].key.slice(-4),
        upstream_protocol: 'openai',
        outcome: 'answered',
        http_status: 200,
        reason: null,
      }),
    ]);
    const [failed, answered] = data.attempt_log;
    expect(answered.started_ms).toBeGreaterThanOrEqual(failed.started_ms + failed.duration_ms);
    expect(answered.started_ms + answered.duration_ms).toBeLessThanOrEqual(data.latency_ms + 1);
    for (const key of [...first.keys, ...second.keys]) expect(JSON.stringify(data)).not.toContain(key.key);
  });

  it('shows its owner the attempts without key hints, and is a 404 to another user', async () => {
    const anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
    const answer = await anthropic.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
    const row = await usageRowFor(answer._request_id ?? null);
    const owner = { authorization: `Bearer ${(await createApiSession(token.userId)).token}` };

    const mine = await detailOf(Number(row.id), owner);
    expect(mine.status).toBe(200);
    expect(mine.json.data.attempt_log).toEqual([expect.objectContaining({ outcome: 'answered', key_hint: null })]);

    const stranger = await createTestUser('user');
    expect((await detailOf(Number(row.id), stranger.headers)).status).toBe(404);
  });
});
