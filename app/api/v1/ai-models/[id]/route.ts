import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { deleteAiModel } from '@/lib/ai-models/delete-ai-model';
import { getAiModel } from '@/lib/ai-models/get-ai-model';
import { updateAiModelBody } from '@/lib/ai-models/schemas';
import { updateAiModel } from '@/lib/ai-models/update-ai-model';

export const dynamic = 'force-dynamic';

// GET /api/v1/ai-models/{id} – one model route
export const GET = apiRoute({}, ({ params }) => getAiModel({ id: idParam(params, 'model') }));

// PUT /api/v1/ai-models/{id} – change any of a route's fields
export const PUT = apiRoute({ body: updateAiModelBody, invalidates: 'routes' }, ({ user, params, body }) =>
  updateAiModel({ actor: user, id: idParam(params, 'model'), input: body }),
);

// DELETE /api/v1/ai-models/{id} – delete a model route
export const DELETE = apiRoute({ invalidates: 'routes' }, ({ user, params }) => deleteAiModel({ actor: user, id: idParam(params, 'model') }));

export const { POST, PATCH, OPTIONS } = otherMethods('GET', 'PUT', 'DELETE');
