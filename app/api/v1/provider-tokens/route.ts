import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { createProviderToken } from '@/lib/provider-tokens/create-provider-token';
import { listProviderTokens } from '@/lib/provider-tokens/list-provider-tokens';
import { createProviderTokenBody, listProviderTokensQuery } from '@/lib/provider-tokens/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/provider-tokens – list provider keys (masked), paginated, `?provider_id` to filter, retired ones with `?include_revoked=true`
export const GET = apiRoute({ query: listProviderTokensQuery }, ({ query }) => listProviderTokens(query));

// POST /api/v1/provider-tokens – add a provider key, sealed at rest
export const POST = apiRoute({ body: createProviderTokenBody, invalidates: 'routes' }, ({ user, body }) =>
  createProviderToken({ actor: user, input: body }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
