import { readBearer, secretsMatch } from '../http/bearer';
import { clientAddressFrom } from '../http/client-address';
import { isLoopbackAddress } from '../http/loopback-address';
import type { AppConfig } from '../config';
import { EngineContractError } from './envelope';

export type EngineAccess = Pick<AppConfig, 'AXONGATE_ENGINE_SECRET' | 'AXONGATE_ENGINE_ALLOWED_IPS' | 'AXONGATE_TRUSTED_PROXIES'> &
  Partial<Pick<AppConfig, 'AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET'>>;

/** What node:http knew about the call's connection; absent where the contract runs as a Next route handler. */
export type EngineConnection = {
  /** The socket's peer address. */
  peer: string | undefined;
  /** The caller: the peer, or what the AXONGATE_TRUSTED_PROXIES in front of it reported in X-Forwarded-For. */
  clientAddress: string | null;
};

// The engine contract hands out decrypted provider keys, so it is off unless AXONGATE_ENGINE_SECRET is set (or the
// loopback mode below is). Two fences, both always checked:
//
// 1. The caller's address must be in AXONGATE_ENGINE_ALLOWED_IPS. On the production server's listener it is worked
//    out from the socket (and X-Forwarded-For of trusted proxies) for this call; under a Next route handler it is
//    the one the production server stamped (lib/http/client-address.ts).
// 2. The secret, as `Authorization: Bearer <secret>`, `x-engine-secret: <secret>` or the password of
//    `Authorization: Basic` (the one form the original engine can send: its HTTP client turns a base_url of
//    http://user:<secret>@host into it; the user name is not looked at). Compared in constant time.
//
// AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET lets a call without the secret through instead, when node:http saw a
// loopback peer and the request carries no header a proxy adds. Any process on this machine can then call the
// contract and read the provider keys; a reverse proxy on the same host connects from loopback as well, so whatever
// it forwards would look local. Caddy adds X-Forwarded-For (most proxies can be told to), which is why a request
// carrying a forwarding header is never taken for a loopback call; a proxy that adds none cannot be told apart from
// a local process, so the mode is for hosts where no proxy forwards these paths (README, "The engine contract").

/** Request headers that mean a proxy relayed the call (besides every `x-forwarded-*`): it is not the peer's own. */
const FORWARDING_HEADERS = new Set(['forwarded', 'x-real-ip', 'via']);

function forwardingHeaderOf(headers: Headers): string | undefined {
  for (const name of headers.keys()) if (name.startsWith('x-forwarded-') || FORWARDING_HEADERS.has(name)) return name;
  return undefined;
}

export function assertEngineCallAllowed(request: Request, access: EngineAccess, connection?: EngineConnection): void {
  const { AXONGATE_ENGINE_SECRET: secret, AXONGATE_ENGINE_ALLOWED_IPS: allowed } = access;
  const loopbackMode = access.AXONGATE_ENGINE_LOOPBACK_WITHOUT_SECRET === true;
  if (!secret && !loopbackMode) throw new EngineContractError(404, 'Not found');
  const address = (connection ? connection.clientAddress : clientAddressFrom(request.headers)) ?? '';
  const allowedAddresses = allowed.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!allowedAddresses.includes(address)) throw new EngineContractError(403, 'This address may not call the engine contract');

  const presented = presentedSecret(request.headers);
  if (secret && presented !== null) {
    if (secretsMatch(presented, secret)) return;
    throw new EngineContractError(401, 'Invalid engine secret');
  }
  if (!loopbackMode) throw new EngineContractError(401, 'Invalid engine secret');
  const refusal = loopbackRefusal(request.headers, connection);
  if (refusal === null) return;
  if (secret) throw new EngineContractError(401, `Send the engine secret: ${refusal}`);
  throw new EngineContractError(403, refusal);
}

/** The secret as the caller sent it (bearer, x-engine-secret or Basic password); null when it sent none. */
function presentedSecret(headers: Headers): string | null {
  return readBearer(headers) ?? headers.get('x-engine-secret') ?? readBasicPassword(headers);
}

/** The password of `Authorization: Basic base64(user:password)`, or null. */
function readBasicPassword(headers: Headers): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(headers.get('authorization')?.trim() ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

/** Why a call without a secret is not a direct loopback call; null when it is one. */
function loopbackRefusal(headers: Headers, connection: EngineConnection | undefined): string | null {
  if (!connection) {
    return 'without the secret, only direct loopback connections to the production server (axongate-server.mjs) are accepted';
  }
  if (!isLoopbackAddress(connection.peer)) return 'without the secret, only connections from loopback are accepted';
  const relayed = forwardingHeaderOf(headers);
  if (relayed) return `the request carries ${relayed}, so a proxy relayed it, and it is not accepted as a loopback call`;
  return null;
}
