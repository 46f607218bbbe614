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
  latency: number[] | null;
};

export async function getUsageStats({ viewer, filters }: { viewer: UsageViewer; filters: UsageFilters }): Promise<UsageStats> {
  const where = buildUsageWhere(filters, viewer);
  // One percentile_cont call with an array sorts once for both percentiles.
  const [row] = await db.$queryRaw<StatsRow[]>(Prisma.sql`
    SELECT count(*) AS total_requests,
           coalesce(sum(input_tokens), 0)::int8 AS total_input_tokens,
           coalesce(sum(output_tokens), 0)::int8 AS total_output_tokens,
           coalesce(sum(total_cost), 0)::float8 AS total_cost,
           count(*) FILTER (WHERE status = 'error') AS error_requests,
           percentile_cont(ARRAY[0.5, 0.95]::float8[]) WITHIN GROUP (ORDER BY latency_ms)
             FILTER (WHERE status = 'ok') AS latency
    FROM usage ${where}`);
  const totalRequests = Number(row.total_requests);
  const errorRequests = Number(row.error_requests);
  return {
    total_requests: totalRequests,
    total_input_tokens: Number(row.total_input_tokens),
    total_output_tokens: Number(row.total_output_tokens),
    total_cost: row.total_cost,
    error_requests: errorRequests,
    error_rate: totalRequests ? errorRequests / totalRequests : 0,
    p50_latency_ms: row.latency ? Math.round(row.latency[0]) : null,
    p95_latency_ms: row.latency ? Math.round(row.latency[1]) : null,
  };
}
