import { z } from 'zod';
import type { Gateway } from '../gateway';

const resolveBody = z.object({
  token: z.string().min(1, 'token is required'),
  model: z.string().min(1, 'model is required'),
});

export type EngineRoute = {
  /** The decrypted provider key: the reason this contract is off by default. */
  token: string;
  model: string;
  api: string;
  protocol: 'openai' | 'anthropic';
  model_id: number;
  provider_id: number;
  provider_token_id: number;
};

/** POST /v1/route/resolve: the routes the gateway itself would try for (user token, model), in that order. */
export async function resolveEngineRoute(gateway: Gateway, body: unknown): Promise<EngineRoute[]> {
  const { token, model } = resolveBody.parse(body);
  const caller = await gateway.context.tokens.authenticateToken(token);
  const routes = await gateway.routesFor(caller, model);
  return routes.map((route) => ({
    token: route.apiKey,
    model: route.providerModelName,
    api: route.provider.apiUrl,
    protocol: route.provider.type,
    model_id: route.modelId,
    provider_id: route.provider.id,
    provider_token_id: route.providerTokenId,
  }));
}
