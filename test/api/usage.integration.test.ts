import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as distribution } from '../../app/api/v1/usage/distribution/route';
import { GET as exportCsv } from '../../app/api/v1/usage/export/route';
import { GET as list } from '../../app/api/v1/usage/route';
import { GET as stats } from '../../app/api/v1/usage/stats/route';
import { GET as trend } from '../../app/api/v1/usage/trend/route';
import { db, type Prisma } from '../../lib/db';
import { exportUsageCsv } from '../../lib/usage-queries/export-usage-csv';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

// Every row here lives in March 2001, a range no other test file writes, so admin queries can be bounded by it.
const RANGE = 'start_time=2001-03-01&end_time=2001-03-31';

type Seed = {
  user: TestUser;
  token: number;
  model: string;
  at: string;
  status?: 'ok' | 'error';
  input?: number;
  output?: number;
  cost?: string;
  latency?: number;
  provider?: number;
};

function usageRow(seed: Seed): Prisma.UsageCreateManyInput {
  const createdAt = new Date(seed.at);
  return {
    requestId: randomUUID(),
    userId: seed.user.id,
    userTokenId: seed.token,
    modelName: seed.model,
    modelId: 41,
    providerId: seed.provider ?? 7,
    providerTokenId: 70,
    providerModelName: `${seed.model}-upstream`,
    clientProtocol: 'openai',
    upstreamProtocol: 'anthropic',
    stream: true,
    status: seed.status ?? 'ok',
    httpStatus: seed.status === 'error' ? 502 : 200,
    errorType: seed.status === 'error' ? 'upstream_error' : null,
    inputTokens: seed.input ?? 100,
    outputTokens: seed.output ?? 10,
    inputCost: '0.0001',
    outputCost: '0.00002',
    totalCost: seed.cost ?? '0.00012',
    latencyMs: seed.latency ?? 100,
    ttftMs: 40,
    createdAt,
    day: new Date(`${seed.at.slice(0, 10)}T00:00:00Z`),
  };
}

describe('usage API', () => {
  let admin: TestUser;
  let manager: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  const aliceToken = 810_001;
  const bobToken = 810_002;

  beforeAll(async () => {
    await ensurePolicies();
    [admin, manager, alice, bob] = await Promise.all([
      createTestUser('admin'),
      createTestUser('manager'),
      createTestUser('user'),
      createTestUser('user'),
    ]);
    await db.usage.createMany({
      data: [
        usageRow({ user: alice, token: aliceToken, model: 'gpt-x', at: '2001-03-10T08:00:00Z', latency: 100 }),
        usageRow({ user: alice, token: aliceToken, model: 'gpt-x', at: '2001-03-10T09:00:00Z', latency: 200 }),
        usageRow({ user: alice, token: aliceToken, model: 'gpt-x', at: '2001-03-12T10:00:00Z', latency: 300, cost: '0.5' }),
        usageRow({
          user: alice,
          token: aliceToken,
          model: 'claude, "quoted"',
          at: '2001-03-12T11:00:00Z',
          status: 'error',
          input: 0,
          output: 0,
          cost: '0',
          latency: 5,
        }),
        usageRow({ user: bob, token: bobToken, model: 'gpt-x', at: '2001-03-11T12:00:00Z', provider: 8, latency: 400 }),
        usageRow({ user: bob, token: bobToken, model: 'gpt-x', at: '2001-03-11T13:00:00Z', provider: 8, latency: 500 }),
      ],
    });
  });

  const get = (handler: typeof list, path: string, who: TestUser) => callRoute(handler, path, { headers: who.headers });
  // callRoute parses JSON; a CSV download is read as text.
  const download = async (path: string, who: TestUser) => {
    const response = await exportCsv(new Request(`http://localhost${path}`, { headers: who.headers }), { params: Promise.resolve({}) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  it('lists rows newest first with every field in snake_case, ids and costs as numbers', async () => {
    const response = await get(list, `/api/v1/usage?${RANGE}&page_size=2`, admin);
    expect(response.status).toBe(200);
    const data = response.json.data;
    expect(data).toMatchObject({ total: 6, page: 1, page_size: 2 });
    expect(data.usage).toEqual(data.items);
    expect(data.items.map((row: { created_at: string }) => row.created_at)).toEqual([
      '2001-03-12T11:00:00.000Z',
      '2001-03-12T10:00:00.000Z',
    ]);
    expect(data.items[1]).toEqual({
      id: expect.any(Number),
      request_id: expect.any(String),
      user_id: alice.id,
      user_token_id: aliceToken,
      model_name: 'gpt-x',
      model_id: 41,
      provider_id: 7,
      provider_token_id: 70,
      provider_model_name: 'gpt-x-upstream',
      client_protocol: 'openai',
      upstream_protocol: 'anthropic',
      stream: true,
      status: 'ok',
      http_status: 200,
      error_type: null,
      input_tokens: 100,
      output_tokens: 10,
      cache_read_tokens: 0,
      cache_creation_tokens: 0,
      input_cost: 0.0001,
      output_cost: 0.00002,
      total_cost: 0.5,
      currency: 'USD',
      latency_ms: 300,
      ttft_ms: 40,
      attempts: 1,
      conversion_notes: [],
      created_at: '2001-03-12T10:00:00.000Z',
      day: '2001-03-12',
    });

    const last = await get(list, `/api/v1/usage?${RANGE}&page_size=4&page=2`, manager);
    expect(last.json.data.items.map((row: { created_at: string }) => row.created_at)).toEqual([
      '2001-03-10T09:00:00.000Z',
      '2001-03-10T08:00:00.000Z',
    ]);
  });

  it('filters by token, provider, model, status and an inclusive UTC day range', async () => {
    const total = async (query: string) => (await get(list, `/api/v1/usage?${query}`, admin)).json.data.total;
    expect(await total(`${RANGE}&user_token_id=${bobToken}`)).toBe(2);
    expect(await total(`${RANGE}&provider_id=8`)).toBe(2);
    expect(await total(`${RANGE}&model_name=gpt-x`)).toBe(5);
    expect(await total(`${RANGE}&status=error`)).toBe(1);
    expect(await total(`${RANGE}&model_id=41&provider_token_id=70`)).toBe(6);
    expect(await total('start_time=2001-03-11&end_time=2001-03-12')).toBe(4);
    expect(await total('start_time=2001-03-10&end_time=2001-03-10')).toBe(2);
    expect(await total(`${RANGE}&user_token_id=&model_name=`)).toBe(6);
  });

  it('answers 400 for malformed dates, a reversed range and unknown statuses', async () => {
    const bad = await get(list, '/api/v1/usage?start_time=2001-02-30&end_time=03/01/2001&status=maybe', admin);
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((error: { field: string }) => error.field).sort()).toEqual(['end_time', 'start_time', 'status']);
    const reversed = await get(stats, '/api/v1/usage/stats?start_time=2001-03-12&end_time=2001-03-10', admin);
    expect(reversed.status).toBe(400);
    expect(reversed.json.errors).toEqual([{ field: 'end_time', message: 'end_time must not be before start_time' }]);
    const tooLong = await get(trend, '/api/v1/usage/trend?start_time=2001-01-01&end_time=2010-01-01', admin);
    expect(tooLong.status).toBe(400);
  });

  it('computes totals, error rate and p50/p95 latency of successful requests', async () => {
    const response = await get(stats, `/api/v1/usage/stats?${RANGE}`, admin);
    expect(response.json.data).toEqual({
      total_requests: 6,
      total_input_tokens: 500,
      total_output_tokens: 50,
      total_cost: expect.closeTo(0.5 + 4 * 0.00012, 10),
      error_requests: 1,
      error_rate: expect.closeTo(1 / 6, 10),
      // latencies of the ok rows: 100, 200, 300, 400, 500
      p50_latency_ms: 300,
      p95_latency_ms: 480,
    });

    const empty = await get(stats, '/api/v1/usage/stats?start_time=1999-01-01&end_time=1999-01-02', admin);
    expect(empty.json.data).toEqual({
      total_requests: 0,
      total_input_tokens: 0,
      total_output_tokens: 0,
      total_cost: 0,
      error_requests: 0,
      error_rate: 0,
      p50_latency_ms: null,
      p95_latency_ms: null,
    });
  });

  it('gives one trend row per day of the range, empty days as zeros', async () => {
    const response = await get(trend, '/api/v1/usage/trend?start_time=2001-03-09&end_time=2001-03-13', admin);
    expect(response.json.data.trend).toEqual([
      { date: '2001-03-09', requests: 0, tokens: 0, cost: 0, errors: 0 },
      { date: '2001-03-10', requests: 2, tokens: 220, cost: expect.closeTo(0.00024, 10), errors: 0 },
      { date: '2001-03-11', requests: 2, tokens: 220, cost: expect.closeTo(0.00024, 10), errors: 0 },
      { date: '2001-03-12', requests: 2, tokens: 110, cost: 0.5, errors: 1 },
      { date: '2001-03-13', requests: 0, tokens: 0, cost: 0, errors: 0 },
    ]);

    const fromStart = await get(trend, '/api/v1/usage/trend?start_time=2001-03-10', admin);
    expect(fromStart.json.data.trend).toHaveLength(30);
    expect(fromStart.json.data.trend.at(-1).date).toBe('2001-04-08');
    const byDefault = await get(trend, '/api/v1/usage/trend', admin);
    expect(byDefault.json.data.trend).toHaveLength(30);
    expect(byDefault.json.data.trend.at(-1).date).toBe(new Date().toISOString().slice(0, 10));
  });

  it('splits requests, tokens and cost by model name with each share in percent', async () => {
    const response = await get(distribution, `/api/v1/usage/distribution?${RANGE}`, admin);
    expect(response.json.data.distribution).toEqual([
      { model_name: 'gpt-x', requests: 5, tokens: 550, cost: expect.closeTo(0.5 + 4 * 0.00012, 10), percent: 83.33 },
      { model_name: 'claude, "quoted"', requests: 1, tokens: 0, cost: 0, percent: 16.67 },
    ]);
  });

  it('exports the whole filtered set as an RFC 4180 CSV download', async () => {
    const response = await download(`/api/v1/usage/export?${RANGE}`, manager);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="usage-2001-03-01_to_2001-03-31.csv"');
    const lines = response.text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'id,request_id,user_id,user_token_id,model_name,model_id,provider_id,provider_token_id,provider_model_name,' +
        'client_protocol,upstream_protocol,stream,status,http_status,error_type,input_tokens,output_tokens,' +
        'cache_read_tokens,cache_creation_tokens,input_cost,output_cost,total_cost,currency,latency_ms,ttft_ms,' +
        'attempts,created_at,day',
    );
    expect(lines).toHaveLength(8);
    const quoted = lines.find((line) => line.includes('claude'));
    expect(quoted).toContain(`,"claude, ""quoted""",`);
    expect(quoted).toContain(',"claude, ""quoted""-upstream",openai,anthropic,true,error,502,upstream_error,0,0,0,0,');
    expect(quoted).toMatch(/,2001-03-12T11:00:00\.000Z,2001-03-12$/);
  });

  it('streams the export in keyset batches without losing or repeating a row', async () => {
    const response = exportUsageCsv({ viewer: admin, filters: { start_time: '2001-03-01', end_time: '2001-03-31' }, batchSize: 4 });
    const text = await response.text();
    const ids = text
      .split('\r\n')
      .slice(1, -1)
      .map((line) => Number(line.split(',')[0]));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('shows a user only their own rows on every usage endpoint, even with another user’s token id', async () => {
    const own = await get(list, `/api/v1/usage?${RANGE}`, alice);
    expect(own.json.data.total).toBe(4);
    expect(own.json.data.items.every((row: { user_id: number }) => row.user_id === alice.id)).toBe(true);

    const foreign = `${RANGE}&user_token_id=${bobToken}`;
    expect((await get(list, `/api/v1/usage?${foreign}`, alice)).json.data).toMatchObject({ total: 0, items: [] });
    expect((await get(stats, `/api/v1/usage/stats?${foreign}`, alice)).json.data.total_requests).toBe(0);
    expect((await get(distribution, `/api/v1/usage/distribution?${foreign}`, alice)).json.data.distribution).toEqual([]);
    const foreignTrend = (await get(trend, `/api/v1/usage/trend?${foreign}`, alice)).json.data.trend;
    expect(foreignTrend.every((point: { requests: number }) => point.requests === 0)).toBe(true);
    const foreignCsv = await download(`/api/v1/usage/export?${foreign}`, alice);
    expect(foreignCsv.text.split('\r\n')).toHaveLength(2);

    expect((await get(stats, `/api/v1/usage/stats?${RANGE}`, alice)).json.data.total_requests).toBe(4);
    expect((await get(stats, `/api/v1/usage/stats?${RANGE}`, bob)).json.data.total_requests).toBe(2);
    const bobTrend = (await get(trend, '/api/v1/usage/trend?start_time=2001-03-10&end_time=2001-03-12', bob)).json.data.trend;
    expect(bobTrend.map((point: { requests: number }) => point.requests)).toEqual([0, 2, 0]);
    const bobCsv = await download(`/api/v1/usage/export?${RANGE}`, bob);
    expect(bobCsv.text.split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[2]))).toEqual([bob.id, bob.id]);
    const bobModels = (await get(distribution, `/api/v1/usage/distribution?${RANGE}`, bob)).json.data.distribution;
    expect(bobModels).toEqual([{ model_name: 'gpt-x', requests: 2, tokens: 220, cost: expect.closeTo(0.00024, 10), percent: 100 }]);
  });
});
