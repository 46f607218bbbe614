import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getUsageDistribution } from '@/lib/usage-queries/get-usage-distribution';
import { usageFiltersQuery } from '@/lib/usage-queries/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/usage/distribution – requests, tokens, cost and share per model name
export const GET = apiRoute({ query: usageFiltersQuery }, ({ user, query }) =>
  getUsageDistribution({ viewer: user, filters: query }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
