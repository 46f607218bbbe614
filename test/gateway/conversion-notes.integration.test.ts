// What a conversion dropped or changed is kept with the request's usage row and shown by the admin API: the notes
// of the attempt that answered, not those of attempts that failed before it.
import Anthropic from '@anthropic-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listUsage } from '../../app/api/v1/usage/route';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser } from '../helpers/users';
import { usageRowFor } from './exchange-helpers';
import { createModel, createProvider, createUserToken, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ serve: true });
let token: TokenFixture;
let anthropic: Anthropic;
const model = uniqueName('notes');

beforeAll(async () => {
  await ensurePolicies();
  const first = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  const second = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  await createModel({ name: model, providerId: first.id, priority: 0 });
  await createModel({ name: model, providerId: second.id, priority: 1 });
  token = await createUserToken();
  anthropic = new Anthropic({ baseURL: bed.gatewayUrl, apiKey: token.plaintext, maxRetries: 0 });
});

describe('conversion notes', () => {
  it('are recorded with the usage row of the attempt that answered and listed by the usage API', async () => {
    bed.stub.enqueue({ kind: 'error', status: 503 });
    const { _request_id: requestId } = await anthropic.messages.create({
      model,
      max_tokens: 50,
      service_tier: 'auto',
      stop_sequences: ['1', '2', '3', '4', '5'],
      messages: [{ role: 'user', content: 'hello' }],
    });

    const row = await usageRowFor(requestId ?? null);
    expect(row).toMatchObject({ attempts: 2, status: 'ok' });
    expect(row.conversionNotes).toEqual(['dropped unsupported service_tier', 'stop_sequences truncated to the first 4']);

    const admin = await createTestUser('admin');
    const listed = await callRoute(listUsage, `/api/v1/usage?model_name=${model}`, { headers: admin.headers });
    expect(listed.json.data.items[0]).toMatchObject({ request_id: requestId, conversion_notes: row.conversionNotes });
  });

  it('are an empty list for a request converted without loss', async () => {
    const { _request_id: requestId } = await anthropic.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
    expect((await usageRowFor(requestId ?? null)).conversionNotes).toEqual([]);
  });
});
