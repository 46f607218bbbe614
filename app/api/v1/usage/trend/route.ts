import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getUsageTrend } from '@/lib/usage-queries/get-usage-trend';
import { usageFiltersQuery } from '@/lib/usage-queries/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/usage/trend – requests, tokens, cost and errors per day of the range (default: the last 30 days)
export const GET = apiRoute({ query: usageFiltersQuery }, ({ user, query }) => getUsageTrend({ viewer: user, filters: query }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
