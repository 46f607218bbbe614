import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as distribution } from '../../app/api/v1/usage/distribution/route';
import { GET as exportCsv } from '../../app/api/v1/usage/export/route';
import { GET as list } from '../../app/api/v1/usage/route';
import { GET as stats } from '../../app/api/v1/usage/stats/route';
import { GET as trend } from '../../app/api/v1/usage/trend/route';
import type { RouteHandler } from '../../lib/api';
import { db, type Prisma } from '../../lib/db';
import { ensurePolicies } from '../helpers/bootstrap';
import { callRoute } from '../helpers/routes';
import { createTestUser, type TestUser } from '../helpers/users';

// The usage queries against 1,000,000 rows: every query is timed through its route handler (authentication
// and JSON included) and the table is printed for the closing note. Timings are measured, not asserted: this
// machine is shared. A few answers are checked against independent SQL.

const ROWS = 1_000_000;
const DAYS = 90; // 2024-01-01 … 2024-03-30
const STEP_MS = (DAYS * 86_400_000) / ROWS;
const RANGE_30 = 'start_time=2024-03-01&end_time=2024-03-30';

type Timing = { query: string; first_ms: number; best_of_3_ms: number; result: string };
const timings: Timing[] = [];

/**
 * One INSERT … SELECT generate_series: rows in time order over 90 days (the order the recorder writes them),
 * 12 models on 4 providers, 200 tokens of 50 users (one of them `ownerId`), 5 % errors, latencies 50–3049 ms.
 * Multipliers and a division keep the columns from moving in lockstep.
 */
async function insertRows(tx: Prisma.TransactionClient, ownerId: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO usage (request_id, user_id, user_token_id, model_name, model_id, provider_id, provider_token_id,
      provider_model_name, client_protocol, upstream_protocol, stream, status, http_status, error_type,
      input_tokens, output_tokens, input_cost, output_cost, total_cost, latency_ms, ttft_ms, attempts, created_at, day)
    SELECT 'bulk-' || g,
           CASE WHEN g % 50 = 0 THEN ${ownerId} ELSE 1000000 + g % 50 END,
           1000000 + g % 200,
           'model-' || (g * 7 % 12),
           1000 + g * 7 % 12,
           1000 + g % 4,
           2000 + g % 8,
           'upstream-' || (g * 7 % 12),
           CASE WHEN g % 3 = 0 THEN 'anthropic' ELSE 'openai' END,
           CASE WHEN g % 4 < 2 THEN 'openai' ELSE 'anthropic' END,
           g % 2 = 0,
           CASE WHEN g / 7 % 20 = 3 THEN 'error' ELSE 'ok' END::"UsageStatus",
           CASE WHEN g / 7 % 20 = 3 THEN 502 ELSE 200 END,
           CASE WHEN g / 7 % 20 = 3 THEN 'upstream_error' END,
           g * 13 % 4000,
           g * 17 % 800,
           (g * 13 % 4000) * 0.000002,
           (g * 17 % 800) * 0.000008,
           (g * 13 % 4000) * 0.000002 + (g * 17 % 800) * 0.000008,
           50 + g * 37 % 3000,
           20 + g * 11 % 500,
           1 + (g % 10 = 0)::int,
           at, (at AT TIME ZONE 'UTC')::date
    FROM generate_series(1, ${ROWS}) AS g,
         LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00' + (g - 1) * ${STEP_MS}::float8 * interval '1 millisecond' AS at) AS spread`;
}

describe(`usage queries over ${ROWS.toLocaleString('en')} rows`, () => {
  let admin: TestUser;
  let owner: TestUser;

  beforeAll(async () => {
    await ensurePolicies();
    [admin, owner] = await Promise.all([createTestUser('admin'), createTestUser('user')]);
    const started = performance.now();
    // A bulk load's usual shape: the secondary indexes are dropped, the rows inserted and the indexes rebuilt
    // from their own definitions (pg_indexes), in one transaction, so a failure leaves the schema as it was.
    // About twice as fast as maintaining five indexes row by row.
    await db.$transaction(
      async (tx) => {
        const indexes = await tx.$queryRaw<Array<{ name: string; definition: string }>>`
          SELECT indexname AS name, indexdef AS definition FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename = 'usage' AND indexname NOT IN ('usage_pkey', 'usage_request_id_key')`;
        for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
        await insertRows(tx, owner.id);
        for (const index of indexes) await tx.$executeRawUnsafe(index.definition);
      },
      { timeout: 200_000, maxWait: 10_000 },
    );
    // Autovacuum vacuums and analyzes a table soon after this many inserts; do it now so the plans (and the
    // visibility map that index-only scans rely on) are those of a production table.
    await db.$executeRawUnsafe('VACUUM (ANALYZE) usage');
    console.log(`[usage-million] inserted ${ROWS} rows, rebuilt the indexes and vacuumed in ${Math.round(performance.now() - started)} ms`);
  }, 240_000);

  afterAll(async () => {
    await db.$executeRawUnsafe('TRUNCATE usage');
    console.log(`\n[usage-million] usage queries over ${ROWS} rows (through the route handlers)`);
    console.table(timings);
  });

  async function timed(query: string, handler: RouteHandler, path: string, who = admin) {
    const runs: number[] = [];
    let response: Awaited<ReturnType<typeof callRoute>> | undefined;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      response = await callRoute(handler, path, { headers: who.headers });
      runs.push(performance.now() - started);
    }
    if (!response) throw new Error('no response');
    expect(response.status, response.text).toBe(200);
    const data = response.json.data;
    const result =
      data.total !== undefined
        ? `total ${data.total}, ${data.items.length} rows`
        : data.trend
          ? `${data.trend.length} days`
          : data.distribution
            ? `${data.distribution.length} models`
            : `${data.total_requests} requests`;
    timings.push({ query, first_ms: Math.round(runs[0]), best_of_3_ms: Math.round(Math.min(...runs)), result });
    return data;
  }

  const count = async (where: string) =>
    Number((await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM usage WHERE ${where}`))[0].n);

  it('lists page 1 and a deep page, with and without filters', async () => {
    const first = await timed('list page 1', list, '/api/v1/usage?page=1&page_size=20');
    expect(first.total).toBeGreaterThanOrEqual(ROWS);
    expect(first.items[0].created_at >= first.items[19].created_at).toBe(true);

    const deep = await timed('list page 5000 (offset 99,980)', list, '/api/v1/usage?page=5000&page_size=20');
    expect(deep.items).toHaveLength(20);

    const byModel = await timed('list page 1, model + 30 days', list, `/api/v1/usage?model_name=model-3&${RANGE_30}`);
    expect(byModel.total).toBe(await count(`model_name = 'model-3' AND day BETWEEN '2024-03-01' AND '2024-03-30'`));

    const byToken = await timed('list page 1, one token', list, '/api/v1/usage?user_token_id=1000042');
    expect(byToken.total).toBe(await count('user_token_id = 1000042'));
    const byTokenDeep = await timed('list page 200, one token', list, '/api/v1/usage?user_token_id=1000042&page=200&page_size=20');
    expect(byTokenDeep.items.length).toBe(20);

    const byProvider = await timed('list page 1, provider + error', list, '/api/v1/usage?provider_id=1001&status=error');
    expect(byProvider.total).toBe(await count(`provider_id = 1001 AND status = 'error'`));

    const own = await timed('list page 1, role user (own rows)', list, '/api/v1/usage', owner);
    expect(own.total).toBe(await count(`user_id = ${owner.id}`));
  });

  it('computes stats, with and without filters', async () => {
    const all = await timed('stats, all rows', stats, '/api/v1/usage/stats');
    const [expected] = await db.$queryRawUnsafe<Array<{ n: bigint; cost: number; errors: bigint; latency: number[] }>>(
      `SELECT count(*) AS n, sum(total_cost)::float8 AS cost, count(*) FILTER (WHERE status = 'error') AS errors,
              percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE status = 'ok') AS latency
       FROM usage`,
    );
    expect(all.total_requests).toBe(Number(expected.n));
    expect(all.total_cost).toBeCloseTo(expected.cost, 4);
    expect(all.error_requests).toBe(Number(expected.errors));
    expect(all.p50_latency_ms).toBe(Math.round(expected.latency[0]));
    expect(all.p95_latency_ms).toBe(Math.round(expected.latency[1]));
    expect(all.error_rate).toBeCloseTo(0.05, 3);

    const filtered = await timed('stats, model + 30 days', stats, `/api/v1/usage/stats?model_name=model-5&${RANGE_30}`);
    expect(filtered.total_requests).toBe(await count(`model_name = 'model-5' AND day BETWEEN '2024-03-01' AND '2024-03-30'`));
    await timed('stats, one provider', stats, '/api/v1/usage/stats?provider_id=1002');
    const own = await timed('stats, role user (own rows)', stats, '/api/v1/usage/stats', owner);
    expect(own.total_requests).toBe(await count(`user_id = ${owner.id}`));
  });

  it('computes a 30-day trend, with and without filters', async () => {
    const all = await timed('trend 30 days', trend, `/api/v1/usage/trend?${RANGE_30}`);
    expect(all.trend).toHaveLength(30);
    const march10 = all.trend.find((point: { date: string }) => point.date === '2024-03-10');
    expect(march10.requests).toBe(await count(`day = '2024-03-10'`));
    expect(march10.errors).toBe(await count(`day = '2024-03-10' AND status = 'error'`));

    const filtered = await timed('trend 30 days, one model', trend, `/api/v1/usage/trend?model_name=model-1&${RANGE_30}`);
    expect(filtered.trend[0].requests).toBe(await count(`day = '2024-03-01' AND model_name = 'model-1'`));
    await timed('trend 30 days, one token', trend, `/api/v1/usage/trend?user_token_id=1000042&${RANGE_30}`);
    await timed('trend 30 days, role user', trend, `/api/v1/usage/trend?${RANGE_30}`, owner);
  });

  it('computes the model distribution, with and without filters', async () => {
    const all = await timed('distribution, all rows', distribution, '/api/v1/usage/distribution');
    expect(all.distribution.filter((entry: { model_name: string }) => entry.model_name.startsWith('model-'))).toHaveLength(12);
    const model7 = all.distribution.find((entry: { model_name: string }) => entry.model_name === 'model-7');
    expect(model7.requests).toBe(await count(`model_name = 'model-7'`));

    const filtered = await timed('distribution, 30 days', distribution, `/api/v1/usage/distribution?${RANGE_30}`);
    const percent = filtered.distribution.reduce((sum: number, entry: { percent: number }) => sum + entry.percent, 0);
    expect(percent).toBeCloseTo(100, 0);
    await timed('distribution, one provider', distribution, '/api/v1/usage/distribution?provider_id=1003');
  });

  it('streams a filtered export of every matching row', async () => {
    const runs: number[] = [];
    let text = '';
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const request = new Request('http://localhost/api/v1/usage/export?user_token_id=1000042', { headers: admin.headers });
      text = await (await exportCsv(request, { params: Promise.resolve({}) })).text();
      runs.push(performance.now() - started);
    }
    const rows = text.split('\r\n').length - 2;
    timings.push({ query: 'export CSV, one token', first_ms: Math.round(runs[0]), best_of_3_ms: Math.round(Math.min(...runs)), result: `${rows} rows` });
    expect(rows).toBe(await count('user_token_id = 1000042'));

    // A week of everyone's usage, read as a client would, chunk by chunk, without holding the file.
    const started = performance.now();
    const request = new Request('http://localhost/api/v1/usage/export?start_time=2024-03-01&end_time=2024-03-07', { headers: admin.headers });
    const reader = (await exportCsv(request, { params: Promise.resolve({}) })).body!.pipeThrough(new TextDecoderStream()).getReader();
    let lines = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) lines += chunk.value.split('\r\n').length - 1;
    const elapsed = Math.round(performance.now() - started);
    timings.push({ query: 'export CSV, 7 days, everyone (streamed once)', first_ms: elapsed, best_of_3_ms: elapsed, result: `${lines - 1} rows` });
    expect(lines - 1).toBe(await count(`day BETWEEN '2024-03-01' AND '2024-03-07'`));
  });
});
