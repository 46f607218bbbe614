import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

// Who is calling, as far as this server can tell. The socket's peer is the caller unless it is one of the
// AXONGATE_TRUSTED_PROXIES (default loopback, where Caddy runs): then the address that proxy put last into
// X-Forwarded-For is, and so on through any chain of trusted proxies. An X-Forwarded-For from anyone else is
// the caller's own writing and is ignored.
//
// The production server works this out once per request off node:http and hands it to the app in
// CLIENT_ADDRESS_HEADER, which it first removes from what the client sent; route handlers cannot see the socket.

export const CLIENT_ADDRESS_HEADER = 'x-axongate-client-address';

export type TrustedProxies = (address: ipaddr.IPv4 | ipaddr.IPv6) => boolean;

/** Comma- or space-separated addresses and CIDR ranges; empty trusts no proxy. Throws naming a bad entry. */
export function parseTrustedProxies(setting: string): TrustedProxies {
  const ranges = setting
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const text = entry.replace(/^\[(.*)\]$/, '$1');
      if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
      if (ipaddr.isValid(text)) {
        const address = ipaddr.process(text);
        return [address, address.kind() === 'ipv4' ? 32 : 128] as [typeof address, number];
      }
      throw new Error(`Invalid configuration:\n  AXONGATE_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range`);
    });
  return (address) => ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

function parseAddress(text: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = text?.trim().replace(/^\[(.*)\]$/, '$1');
  return trimmed && ipaddr.isValid(trimmed) ? ipaddr.process(trimmed) : null;
}

/** The caller's address: the peer, or what trusted proxies in front of it reported; null when unknowable. */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trusts: TrustedProxies): string | null {
  let caller = parseAddress(peer);
  const hops = (forwardedFor ?? '').split(',');
  while (caller && trusts(caller) && hops.length > 0) {
    const reported = parseAddress(hops.pop());
    if (!reported) break;
    caller = reported;
  }
  return caller?.toString() ?? null;
}

/** Replaces whatever the client sent in CLIENT_ADDRESS_HEADER with the address worked out from the socket. */
export function stampClientAddress(req: IncomingMessage, trusts: TrustedProxies): void {
  const forwarded = req.headers['x-forwarded-for'];
  const address = clientAddressOf(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusts);
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
}

/** The address the production server stamped on this request; null where no server did (tests, `next dev`). */
export function clientAddressFrom(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}
