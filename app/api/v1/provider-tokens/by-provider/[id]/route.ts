import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { listProviderTokensOfProvider } from '@/lib/provider-tokens/list-provider-tokens-of-provider';
import { providerKeysQuery } from '@/lib/provider-tokens/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/provider-tokens/by-provider/{id} – one provider's keys (masked) as a plain array, for the original UI
export const GET = apiRoute({ query: providerKeysQuery }, ({ params, query }) =>
  listProviderTokensOfProvider(idParam(params, 'provider'), query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
