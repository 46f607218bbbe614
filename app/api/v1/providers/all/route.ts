import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { listAllProviders } from '@/lib/providers/list-all-providers';

export const dynamic = 'force-dynamic';

// GET /api/v1/providers/all – every provider without paging, for select boxes
export const GET = apiRoute({}, () => listAllProviders());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
