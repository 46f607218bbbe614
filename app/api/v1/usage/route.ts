import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { listUsage } from '@/lib/usage-queries/list-usage';
import { listUsageQuery } from '@/lib/usage-queries/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/usage – usage rows, newest first, paginated and filtered (a `user` sees only their own)
export const GET = apiRoute({ query: listUsageQuery }, ({ user, query }) => listUsage({ viewer: user, query }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
