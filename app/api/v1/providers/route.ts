import { otherMethods } from '@/lib/api';
import { apiRoute, serverRuntime } from '@/lib/server';
import { createProvider } from '@/lib/providers/create-provider';
import { listProviders } from '@/lib/providers/list-providers';
import { createProviderBody, listProvidersQuery } from '@/lib/providers/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/providers – list providers, paginated (`?page&page_size&name`)
export const GET = apiRoute({ query: listProvidersQuery }, ({ query }) => listProviders(query));

// POST /api/v1/providers – create a provider
export const POST = apiRoute({ body: createProviderBody, invalidates: 'routes' }, ({ user, body }) =>
  createProvider({ actor: user, input: body, providerHosts: serverRuntime().providerHosts }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
