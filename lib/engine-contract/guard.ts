import { readBearer, secretsMatch } from '../http/bearer';
import type { AppConfig } from '../config';
import { EngineContractError } from './envelope';

export type EngineAccess = Pick<AppConfig, 'AXONGATE_ENGINE_SECRET' | 'AXONGATE_ENGINE_ALLOWED_IPS'>;

// The engine contract hands out decrypted provider keys, so it is off unless AXONGATE_ENGINE_SECRET is set.
// A secret is required (not only an address check) because a route handler cannot see the socket's address:
// Next fills X-Forwarded-For only when the caller did not, so a direct caller could claim to be loopback.
// The address allow-list still applies, as a second fence behind Caddy, which sets the header itself.

export function assertEngineCallAllowed(request: Request, access: EngineAccess): void {
  const { AXONGATE_ENGINE_SECRET: secret, AXONGATE_ENGINE_ALLOWED_IPS: allowed } = access;
  if (!secret) throw new EngineContractError(404, 'Not found');
  const address = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
  const allowedAddresses = allowed.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!allowedAddresses.includes(address)) throw new EngineContractError(403, 'This address may not call the engine contract');
  if (!secretsMatch(readBearer(request.headers) ?? request.headers.get('x-engine-secret'), secret)) throw new EngineContractError(401, 'Invalid engine secret');
}

