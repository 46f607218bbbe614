import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { createAiModel } from '@/lib/ai-models/create-ai-model';
import { listAiModels } from '@/lib/ai-models/list-ai-models';
import { createAiModelBody, listAiModelsQuery } from '@/lib/ai-models/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/ai-models – list model routes, paginated, `?provider_id&status&name` to filter
export const GET = apiRoute({ query: listAiModelsQuery }, ({ query }) => listAiModels(query));

// POST /api/v1/ai-models – add a route from a public model name to a provider
export const POST = apiRoute({ body: createAiModelBody, invalidates: 'routes' }, ({ user, body }) => createAiModel({ actor: user, input: body }));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
