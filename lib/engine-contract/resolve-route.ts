import { z } from 'zod';
import type { Gateway } from '../gateway';

const resolveBody = z.object({
  token: z.string().min(1, 'token is required'),
  model: z.string().min(1, 'model is required'),
});

/**
 * One route as the original engine decodes it (its RouteConfig): every id is a string there, so a number would fail
 * the whole answer's decoding. `protocol` is its TargetProtocol in lower case.
 */
export type EngineRoute = {
  /** The decrypted provider key: the reason this contract is off by default. */
  token: string;
  model: string;
  api: string;
  protocol: 'openai' | 'anthropic';
  model_id: string;
  provider_id: string;
  provider_token_id: string;
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
    model_id: String(route.modelId),
    provider_id: String(route.provider.id),
    provider_token_id: String(route.providerTokenId),
  }));
}
