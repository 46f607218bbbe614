import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { deleteProviderToken } from '@/lib/provider-tokens/delete-provider-token';
import { updateProviderTokenBody } from '@/lib/provider-tokens/schemas';
import { updateProviderToken } from '@/lib/provider-tokens/update-provider-token';

export const dynamic = 'force-dynamic';

// PUT /api/v1/provider-tokens/{id} – turn a provider key on or off
export const PUT = apiRoute({ body: updateProviderTokenBody, invalidates: 'routes' }, ({ user, params, body }) =>
  updateProviderToken({ actor: user, id: idParam(params, 'provider token'), input: body }),
);

// DELETE /api/v1/provider-tokens/{id} – delete a provider key
export const DELETE = apiRoute({ invalidates: 'routes' }, ({ user, params }) =>
  deleteProviderToken({ actor: user, id: idParam(params, 'provider token') }),
);

export const { GET, POST, PATCH, OPTIONS } = otherMethods('PUT', 'DELETE');
