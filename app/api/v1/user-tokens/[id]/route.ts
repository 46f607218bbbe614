import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getUserToken } from '@/lib/user-tokens/get-user-token';
import { revokeUserToken } from '@/lib/user-tokens/revoke-user-token';

export const dynamic = 'force-dynamic';

// GET /api/v1/user-tokens/{id} – one gateway token (never its plaintext)
export const GET = apiRoute({}, ({ user, params }) => getUserToken({ actor: user, id: idParam(params, 'user token') }));

// DELETE /api/v1/user-tokens/{id} – revoke a gateway token (the row stays, with revoked_at set)
export const DELETE = apiRoute({ invalidates: 'user-tokens' }, ({ user, params }) => revokeUserToken({ actor: user, id: idParam(params, 'user token') }));

export const { POST, PUT, PATCH, OPTIONS } = otherMethods('GET', 'DELETE');
