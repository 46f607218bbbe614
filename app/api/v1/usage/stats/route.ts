import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getUsageStats } from '@/lib/usage-queries/get-usage-stats';
import { usageFiltersQuery } from '@/lib/usage-queries/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/usage/stats – totals, error rate and p50/p95 latency of the filtered usage
export const GET = apiRoute({ query: usageFiltersQuery }, ({ user, query }) => getUsageStats({ viewer: user, filters: query }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
