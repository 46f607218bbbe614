import 'server-only';
import { db, Prisma } from '../db';
import type { UsageFilters } from './schemas';
import { resolveTrendRange } from './trend-range';
import { buildUsageWhere, type UsageViewer } from './usage-filter';

export type UsageTrendPoint = { date: string; requests: number; tokens: number; cost: number; errors: number };

type TrendRow = { date: string; requests: bigint; tokens: bigint; cost: number; errors: bigint };

/** One row per day of the range, days without requests included as zeros; tokens are input + output. */
export async function getUsageTrend({
  viewer,
  filters,
}: {
  viewer: UsageViewer;
  filters: UsageFilters;
}): Promise<{ trend: UsageTrendPoint[] }> {
  const { start, end } = resolveTrendRange(filters);
  const where = buildUsageWhere({ ...filters, start_time: start, end_time: end }, viewer);
  const rows = await db.$queryRaw<TrendRow[]>(Prisma.sql`
    WITH per_day AS (
      SELECT day,
             count(*) AS requests,
             sum(input_tokens::int8 + output_tokens) AS tokens,
             sum(total_cost) AS cost,
             count(*) FILTER (WHERE status = 'error') AS errors
      FROM usage ${where}
      GROUP BY day
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS date,
           coalesce(per_day.requests, 0) AS requests,
           coalesce(per_day.tokens, 0)::int8 AS tokens,
           coalesce(per_day.cost, 0)::float8 AS cost,
           coalesce(per_day.errors, 0) AS errors
    FROM generate_series(${start}::date, ${end}::date, interval '1 day') AS days(day)
    LEFT JOIN per_day ON per_day.day = days.day::date
    ORDER BY days.day`);
  return {
    trend: rows.map((row) => ({
      date: row.date,
      requests: Number(row.requests),
      tokens: Number(row.tokens),
      cost: row.cost,
      errors: Number(row.errors),
    })),
  };
}
