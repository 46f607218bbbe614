import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getUsage } from '@/lib/usage-queries/get-usage';

export const dynamic = 'force-dynamic';

// GET /api/v1/usage/{id} – one usage row (a `user` only their own)
export const GET = apiRoute({}, ({ user, params }) => getUsage({ viewer: user, id: params.id ?? '' }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
