import { assertModelAllowed } from './access/allowed-models';
import type { AuthenticatedToken } from './access/token-store';
import type { GatewayContext } from './context/context';
import { GatewayError } from './request/gateway-error';
import { createHandlers, type GatewayHandlers } from './handlers';
import { createGatewayNodeListener, type GatewayNodeListener } from './node-listener';
import { orderRoutes } from './routing/order-routes';
import type { GatewayRoute } from './routing/route-types';

/** The gateway over one context: the /v1 handlers, their node:http mount, and what the engine contract asks of it. */
export type Gateway = GatewayHandlers & {
  readonly context: GatewayContext;
  nodeListener: GatewayNodeListener;
  /** The token's routes for a model in the order the gateway itself would try them (404 when there is none). */
  routesFor(token: AuthenticatedToken, model: string): Promise<GatewayRoute[]>;
  /** Writes what is still buffered (last-used stamps), stops listening for invalidations and closes the pools. */
  close(): Promise<void>;
};

export function createGateway(context: GatewayContext): Gateway {
  const handlers = createHandlers(context);
  return {
    ...handlers,
    context,
    nodeListener: createGatewayNodeListener(handlers),
    async routesFor(token, model) {
      assertModelAllowed(token, model);
      const routes = await context.routes.resolve(model);
      if (routes.length === 0) throw new GatewayError(404, `The model "${model}" does not exist or has no active route`, 'model_not_found');
      return orderRoutes(routes, { isAvailable: (key) => context.circuits.isAvailable(key) });
    },
    async close() {
      context.tokens.dispose();
      context.routes.dispose();
      await context.lastUsed.flush();
      await context.upstream.close?.();
    },
  };
}
