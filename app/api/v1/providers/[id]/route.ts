import { apiRoute, idParam } from '@/lib/api';
import { deleteProvider } from '@/lib/providers/delete-provider';
import { getProvider } from '@/lib/providers/get-provider';
import { updateProviderBody } from '@/lib/providers/schemas';
import { updateProvider } from '@/lib/providers/update-provider';

export const dynamic = 'force-dynamic';

// GET /api/v1/providers/{id} – one provider
export const GET = apiRoute({}, ({ params }) => getProvider({ id: idParam(params, 'provider') }));

// PUT /api/v1/providers/{id} – change any of a provider's fields
export const PUT = apiRoute({ body: updateProviderBody }, ({ user, params, body }) =>
  updateProvider({ actor: user, id: idParam(params, 'provider'), input: body }),
);

// DELETE /api/v1/providers/{id} – delete a provider with its keys and model routes
export const DELETE = apiRoute({}, ({ user, params }) => deleteProvider({ actor: user, id: idParam(params, 'provider') }));
