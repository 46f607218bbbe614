import { apiRoute, idParam } from '@/lib/api';
import { regenerateUserToken } from '@/lib/user-tokens/regenerate-user-token';

export const dynamic = 'force-dynamic';

// POST /api/v1/user-tokens/{id}/regenerate – replace a token's secret, keeping its limits; shows the new plaintext once
export const POST = apiRoute({}, ({ user, params }) => regenerateUserToken({ actor: user, id: idParam(params, 'user token') }));
