import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { createUserToken } from '@/lib/user-tokens/create-user-token';
import { listUserTokens } from '@/lib/user-tokens/list-user-tokens';
import { createUserTokenBody, listUserTokensQuery } from '@/lib/user-tokens/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/user-tokens – list gateway tokens (own tokens; all for admins and managers, `?user_id` to filter,
// revoked ones with `?include_revoked=true`)
export const GET = apiRoute({ query: listUserTokensQuery }, ({ user, query }) => listUserTokens({ actor: user, query }));

// POST /api/v1/user-tokens – issue a gateway token; the answer holds the plaintext, shown this once
export const POST = apiRoute({ body: createUserTokenBody, invalidates: 'user-tokens' }, ({ user, body }) => createUserToken({ actor: user, input: body }));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
