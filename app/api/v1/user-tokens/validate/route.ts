import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { validateUserTokenBody } from '@/lib/user-tokens/schemas';
import { validateUserToken } from '@/lib/user-tokens/validate-user-token';

export const dynamic = 'force-dynamic';

// POST /api/v1/user-tokens/validate – {token} → {valid}: whether a token the caller may see works as a key now
export const POST = apiRoute({ body: validateUserTokenBody }, ({ user, body }) => validateUserToken({ actor: user, input: body }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
