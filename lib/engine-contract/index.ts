import { z } from 'zod';
import { summarizeFieldErrors, toFieldErrors } from '../errors';
import { GatewayError, type Gateway, type GatewayNodeListener } from '../gateway';
import { clientAddressOf, parseTrustedProxies } from '../http/client-address';
import { serveWebHandler } from '../http/node-bridge';
import { EngineContractError, engineError, engineOk } from './envelope';
import { assertEngineCallAllowed, type EngineAccess, type EngineConnection } from './guard';
import { resolveEngineRoute } from './resolve-route';
import { recordEngineErrors, recordEngineUsage } from './telemetry';

export type { EngineAccess, EngineConnection } from './guard';

// The internal contract that lets the original Rust engine run in front of this app: route resolution and the
// telemetry it reports back. Web Request in, web Response out, like lib/gateway, whose routes and records it uses.

/** `connection` is what node:http knew about the socket; the app/v1 route files (Next) have none to give. */
export type EngineHandler = (request: Request, connection?: EngineConnection) => Promise<Response>;

export type EngineContract = {
  handleRouteResolve: EngineHandler;
  handleTelemetryUsage: EngineHandler;
  handleTelemetryErrors: EngineHandler;
  /** The three paths straight on node:http (the production server's listener), where the socket's peer is known. */
  nodeListener: GatewayNodeListener;
};

export function createEngineContract(gateway: Gateway, access: EngineAccess): EngineContract {
  const answer =
    (run: (body: unknown) => unknown): EngineHandler =>
    async (request, connection) => {
      try {
        assertEngineCallAllowed(request, access, connection);
        return engineOk(await run(await readJson(request)));
      } catch (error) {
        if (error instanceof EngineContractError || error instanceof GatewayError) return engineError(error.status, error.message);
        if (error instanceof z.ZodError) return engineError(400, summarizeFieldErrors(toFieldErrors(error, 'body')));
        gateway.context.log(`engine contract call failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return engineError(500, 'Internal error');
      }
    };
  const handlers = {
    handleRouteResolve: answer((body) => resolveEngineRoute(gateway, body)),
    handleTelemetryUsage: answer((body) => recordEngineUsage(gateway, body)),
    handleTelemetryErrors: answer((body) => recordEngineErrors(gateway, body)),
  };
  return { ...handlers, nodeListener: createEngineNodeListener(handlers, access) };
}

/** POST on exactly these paths (any query); every other spelling goes on to Next, whose route has no socket. */
function createEngineNodeListener(handlers: Omit<EngineContract, 'nodeListener'>, access: EngineAccess): GatewayNodeListener {
  const paths: Partial<Record<string, EngineHandler>> = {
    '/v1/route/resolve': handlers.handleRouteResolve,
    '/v1/telemetry/usage': handlers.handleTelemetryUsage,
    '/v1/telemetry/errors': handlers.handleTelemetryErrors,
  };
  const trusts = parseTrustedProxies(access.AXONGATE_TRUSTED_PROXIES);
  return (req, res) => {
    const handler = req.method === 'POST' ? paths[(req.url ?? '/').split('?', 1)[0]] : undefined;
    if (!handler) return false;
    const peer = req.socket.remoteAddress;
    const forwardedFor = req.headers['x-forwarded-for'];
    const connection: EngineConnection = {
      peer,
      clientAddress: clientAddressOf(peer, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, trusts),
    };
    void serveWebHandler(req, res, (request) => handler(request, connection));
    return true;
  };
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new EngineContractError(400, 'The body must be valid JSON');
  }
}
