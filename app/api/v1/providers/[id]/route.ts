import { idParam, otherMethods } from '@/lib/api';
import { apiRoute, serverRuntime } from '@/lib/server';
import { deleteProvider } from '@/lib/providers/delete-provider';
import { getProvider } from '@/lib/providers/get-provider';
import { deleteProviderQuery, updateProviderBody } from '@/lib/providers/schemas';
import { updateProvider } from '@/lib/providers/update-provider';

export const dynamic = 'force-dynamic';

// GET /api/v1/providers/{id} – one provider
export const GET = apiRoute({}, ({ params }) => getProvider({ id: idParam(params, 'provider') }));

// PUT /api/v1/providers/{id} – change any of a provider's fields; a new api_url or model_type retires its keys
export const PUT = apiRoute({ body: updateProviderBody, invalidates: 'routes' }, ({ user, params, body }) =>
  updateProvider({ actor: user, id: idParam(params, 'provider'), input: body, providerHosts: serverRuntime().providerHosts }),
);

// DELETE /api/v1/providers/{id} – delete a provider, its keys and its model routes; `?cascade=false`: 409 while it has routes
export const DELETE = apiRoute({ query: deleteProviderQuery, invalidates: 'routes' }, ({ user, params, query }) =>
  deleteProvider({ actor: user, id: idParam(params, 'provider'), cascade: query.cascade }),
);

export const { POST, PATCH, OPTIONS } = otherMethods('GET', 'PUT', 'DELETE');
