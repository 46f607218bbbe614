import { readBearer, secretsMatch } from '../http/bearer';
import { clientAddressFrom } from '../http/client-address';
import type { AppConfig } from '../config';
import { EngineContractError } from './envelope';

export type EngineAccess = Pick<AppConfig, 'AXONGATE_ENGINE_SECRET' | 'AXONGATE_ENGINE_ALLOWED_IPS'>;

// The engine contract hands out decrypted provider keys, so it is off unless AXONGATE_ENGINE_SECRET is set.
// The caller's address is the one the production server worked out from the socket and AXONGATE_TRUSTED_PROXIES
// (lib/http/client-address.ts); the allow-list is a second fence behind the secret.

export function assertEngineCallAllowed(request: Request, access: EngineAccess): void {
  const { AXONGATE_ENGINE_SECRET: secret, AXONGATE_ENGINE_ALLOWED_IPS: allowed } = access;
  if (!secret) throw new EngineContractError(404, 'Not found');
  const address = clientAddressFrom(request.headers) ?? '';
  const allowedAddresses = allowed.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!allowedAddresses.includes(address)) throw new EngineContractError(403, 'This address may not call the engine contract');
  if (!secretsMatch(readBearer(request.headers) ?? request.headers.get('x-engine-secret'), secret)) throw new EngineContractError(401, 'Invalid engine secret');
}

