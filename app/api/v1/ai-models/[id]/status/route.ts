import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { setAiModelStatus } from '@/lib/ai-models/set-ai-model-status';
import { setAiModelStatusBody } from '@/lib/ai-models/schemas';

export const dynamic = 'force-dynamic';

// PATCH /api/v1/ai-models/{id}/status – turn a model route on or off
export const PATCH = apiRoute({ body: setAiModelStatusBody, invalidates: 'routes' }, ({ user, params, body }) =>
  setAiModelStatus({ actor: user, id: idParam(params, 'model'), input: body }),
);

// POST /api/v1/ai-models/{id}/status – the same, for the original UI, which sends POST
export const POST = PATCH;

export const { GET, PUT, DELETE, OPTIONS } = otherMethods('POST', 'PATCH');
