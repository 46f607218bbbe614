import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { regenerateUserToken } from '@/lib/user-tokens/regenerate-user-token';

export const dynamic = 'force-dynamic';

// POST /api/v1/user-tokens/{id}/regenerate – replace a token's secret, keeping its limits; shows the new plaintext once
export const POST = apiRoute({ invalidates: 'user-tokens' }, ({ user, params }) => regenerateUserToken({ actor: user, id: idParam(params, 'user token') }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
