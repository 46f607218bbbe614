import { z } from 'zod';
import { summarizeFieldErrors, toFieldErrors } from '../errors';
import { GatewayError, type Gateway, type WebHandler } from '../gateway';
import { EngineContractError, engineError, engineOk } from './envelope';
import { assertEngineCallAllowed, type EngineAccess } from './guard';
import { resolveEngineRoute } from './resolve-route';
import { recordEngineErrors, recordEngineUsage } from './telemetry';

// The internal contract that lets the original Rust engine run in front of this app: route resolution and the
// telemetry it reports back. Web Request in, web Response out, like lib/gateway, whose routes and records it uses.

export type EngineContract = {
  handleRouteResolve: WebHandler;
  handleTelemetryUsage: WebHandler;
  handleTelemetryErrors: WebHandler;
};

export function createEngineContract(gateway: Gateway, access: EngineAccess): EngineContract {
  const answer = (run: (body: unknown) => unknown) => async (request: Request): Promise<Response> => {
    try {
      assertEngineCallAllowed(request, access);
      return engineOk(await run(await readJson(request)));
    } catch (error) {
      if (error instanceof EngineContractError || error instanceof GatewayError) return engineError(error.status, error.message);
      if (error instanceof z.ZodError) return engineError(400, summarizeFieldErrors(toFieldErrors(error, 'body')));
      gateway.context.log(`engine contract call failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return engineError(500, 'Internal error');
    }
  };
  return {
    handleRouteResolve: answer((body) => resolveEngineRoute(gateway, body)),
    handleTelemetryUsage: answer((body) => recordEngineUsage(gateway, body)),
    handleTelemetryErrors: answer((body) => recordEngineErrors(gateway, body)),
  };
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new EngineContractError(400, 'The body must be valid JSON');
  }
}
