import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { exportUsageCsv } from '@/lib/usage-queries/export-usage-csv';
import { usageFiltersQuery } from '@/lib/usage-queries/schemas';

export const dynamic = 'force-dynamic';
// A whole year of usage takes a while to stream.
export const maxDuration = 300;

// GET /api/v1/usage/export – the whole filtered usage set as a CSV download, streamed in batches
export const GET = apiRoute({ query: usageFiltersQuery }, ({ user, query }) => exportUsageCsv({ viewer: user, filters: query }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
