import 'server-only';
import { db, Prisma } from '../db';
import type { UsageFilters } from './schemas';
import { buildUsageWhere, type UsageViewer } from './usage-filter';

/** `percent` is the model's share of requests, 0–100, rounded to two decimals. */
export type UsageDistributionEntry = { model_name: string; requests: number; tokens: number; cost: number; percent: number };

type DistributionRow = { model_name: string; requests: bigint; tokens: bigint; cost: number; percent: number };

/** Requests, tokens (input + output) and cost per public model name, busiest first. */
export async function getUsageDistribution({
  viewer,
  filters,
}: {
  viewer: UsageViewer;
  filters: UsageFilters;
}): Promise<{ distribution: UsageDistributionEntry[] }> {
  const where = buildUsageWhere(filters, viewer);
  const rows = await db.$queryRaw<DistributionRow[]>(Prisma.sql`
    SELECT model_name,
           count(*) AS requests,
           coalesce(sum(input_tokens::int8 + output_tokens), 0)::int8 AS tokens,
           coalesce(sum(total_cost), 0)::float8 AS cost,
           round(100.0 * count(*) / sum(count(*)) OVER (), 2)::float8 AS percent
    FROM usage ${where}
    GROUP BY model_name
    ORDER BY requests DESC, model_name`);
  return {
    distribution: rows.map((row) => ({
      model_name: row.model_name,
      requests: Number(row.requests),
      tokens: Number(row.tokens),
      cost: row.cost,
      percent: row.percent,
    })),
  };
}
