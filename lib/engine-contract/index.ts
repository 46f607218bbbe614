import { z } from 'zod';
import { GatewayError } from '../gateway/gateway-error';
import { EngineContractError, engineError, engineOk } from './envelope';
import { assertEngineCallAllowed } from './guard';
import { resolveEngineRoute } from './resolve-route';
import { recordEngineErrors, recordEngineUsage } from './telemetry';

// The internal contract that lets the original Rust engine run in front of this app (SPEC §4). Web Request in,
// web Response out, like lib/gateway.

export const handleRouteResolve = (request: Request) => answer(request, resolveEngineRoute);
export const handleTelemetryUsage = (request: Request) => answer(request, recordEngineUsage);
export const handleTelemetryErrors = (request: Request) => answer(request, recordEngineErrors);

async function answer(request: Request, run: (body: unknown) => unknown): Promise<Response> {
  try {
    assertEngineCallAllowed(request);
    return engineOk(await run(await readJson(request)));
  } catch (error) {
    if (error instanceof EngineContractError || error instanceof GatewayError) return engineError(error.status, error.message);
    if (error instanceof z.ZodError) {
      return engineError(400, error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
    }
    console.error('[axongate] engine contract call failed:', error);
    return engineError(500, 'Internal error');
  }
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new EngineContractError(400, 'The body must be valid JSON');
  }
}
