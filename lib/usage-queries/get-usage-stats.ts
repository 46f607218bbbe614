import 'server-only';
import { db, Prisma } from '../db';
import type { UsageFilters } from './schemas';
import { buildUsageWhere, type UsageViewer } from './usage-filter';

export type UsageStats = {
  total_requests: number;
  total_input_tokens: number;
  total_output_tokens: number;
  total_cost: number;
  error_requests: number;
  /** Errors per request, 0–1 (0 when there were no requests). */
  error_rate: number;
  /** Over successful requests only: a refused request answers in a millisecond and would flatter the figure. */
  p50_latency_ms: number | null;
  p95_latency_ms: number | null;
};

type StatsRow = {
  total_requests: bigint;
  total_input_tokens: bigint;
  total_output_tokens: bigint;
  total_cost: number;
  error_requests: bigint;
  p50: number | null;
  p95: number | null;
};

/**
 * Totals and latency percentiles in one scan. percentile_cont would sort every matching row in a single
 * process (ordered-set aggregates do not run in parallel): about 1.5 s over a million rows here. Latencies
 * are whole milliseconds, so the scan instead counts rows per (latency, status) — a parallel hash
 * aggregate of a few thousand groups — and the percentiles are read off that histogram with
 * percentile_cont's own rule: the value at rank p·(n−1), interpolated between the neighbouring ranks.
 */
export async function getUsageStats({ viewer, filters }: { viewer: UsageViewer; filters: UsageFilters }): Promise<UsageStats> {
  const where = buildUsageWhere(filters, viewer);
  const [row] = await db.$queryRaw<StatsRow[]>(Prisma.sql`
    WITH per_latency AS (
      SELECT latency_ms, status, count(*) AS n,
             sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(total_cost) AS cost
      FROM usage ${where}
      GROUP BY latency_ms, status
    ),
    ok AS (
      SELECT latency_ms, sum(n) OVER (ORDER BY latency_ms) AS up_to, sum(n) OVER () AS total
      FROM per_latency WHERE status = 'ok'
    ),
    wanted AS (
      SELECT p, (total - 1) * p AS pos FROM (SELECT max(total) AS total FROM ok) AS counted, unnest(ARRAY[0.5, 0.95]) AS p
    ),
    percentiles AS (
      SELECT p,
             (SELECT min(latency_ms) FROM ok WHERE up_to > floor(pos)) AS below,
             (SELECT min(latency_ms) FROM ok WHERE up_to > ceil(pos)) AS above,
             pos - floor(pos) AS fraction
      FROM wanted
    )
    SELECT coalesce(sum(n), 0)::int8 AS total_requests,
           coalesce(sum(input_tokens), 0)::int8 AS total_input_tokens,
           coalesce(sum(output_tokens), 0)::int8 AS total_output_tokens,
           coalesce(sum(cost), 0)::float8 AS total_cost,
           coalesce(sum(n) FILTER (WHERE status = 'error'), 0)::int8 AS error_requests,
           (SELECT (below + (above - below) * fraction)::float8 FROM percentiles WHERE p = 0.5) AS p50,
           (SELECT (below + (above - below) * fraction)::float8 FROM percentiles WHERE p = 0.95) AS p95
    FROM per_latency`);
  const totalRequests = Number(row.total_requests);
  const errorRequests = Number(row.error_requests);
  return {
    total_requests: totalRequests,
    total_input_tokens: Number(row.total_input_tokens),
    total_output_tokens: Number(row.total_output_tokens),
    total_cost: row.total_cost,
    error_requests: errorRequests,
    error_rate: totalRequests ? errorRequests / totalRequests : 0,
    p50_latency_ms: row.p50 === null ? null : Math.round(row.p50),
    p95_latency_ms: row.p95 === null ? null : Math.round(row.p95),
  };
}
