import { idParam, otherMethods } from '@/lib/api';
import { apiRoute, serverRuntime } from '@/lib/server';
import { importAiModels } from '@/lib/ai-models/import-ai-models';
import { importAiModelsBody } from '@/lib/ai-models/schemas';
import { listUpstreamModels } from '@/lib/providers/list-upstream-models';

export const dynamic = 'force-dynamic';

// GET /api/v1/providers/{id}/models – the provider's own model list, each with catalogue prices and existing routes
export const GET = apiRoute({}, ({ params }) => listUpstreamModels({ id: idParam(params, 'provider'), providerHosts: serverRuntime().providerHosts }));

// POST /api/v1/providers/{id}/models – routes for the chosen models ({models: [{provider_model_name, name?}]})
export const POST = apiRoute({ body: importAiModelsBody, invalidates: 'routes' }, ({ user, params, body }) =>
  importAiModels({ actor: user, providerId: idParam(params, 'provider'), input: body }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
