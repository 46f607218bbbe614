import { z } from 'zod';
import { getCircuitBreakers } from '../gateway/circuit-registry';
import { GatewayError } from '../gateway/gateway-error';
import { orderRoutes } from '../gateway/order-routes';
import { resolveRoutes } from '../gateway/resolve-routes';
import { assertModelAllowed, authenticateUserToken } from '../gateway/user-token-auth';

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
export async function resolveEngineRoute(body: unknown): Promise<EngineRoute[]> {
  const { token, model } = resolveBody.parse(body);
  const caller = await authenticateUserToken(new Headers({ authorization: `Bearer ${token}` }));
  assertModelAllowed(caller, model);
  const routes = await resolveRoutes(model);
  if (routes.length === 0) throw new GatewayError(404, `The model "${model}" does not exist or has no active route`, 'model_not_found');
  const breakers = getCircuitBreakers();
  return orderRoutes(routes, { isAvailable: (key) => breakers.isAvailable(key) }).map((route) => ({
    token: route.apiKey,
    model: route.providerModelName,
    api: route.provider.apiUrl,
    protocol: route.provider.type,
    model_id: route.modelId,
    provider_id: route.provider.id,
    provider_token_id: route.providerTokenId,
  }));
}
