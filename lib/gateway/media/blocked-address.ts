import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

// Which IP addresses a URL given by a client may make the gateway connect to: global unicast only. The range
// tables are ipaddr.js's (loopback, private, link-local, CGNAT, TEST-NET, documentation, benchmarking, NAT64,
// 6to4, Teredo…); its one public range is `unicast`. An IPv4-mapped IPv6 address is judged as the IPv4 address
// it stands for; every other IPv6 form that carries an IPv4 address has a range of its own and is refused.

/** IANA's global unicast space (RFC 4291 §2.4): ipaddr.js calls unassigned IPv6 space `unicast` as well. */
const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/** ipaddr.js's range name for an address that may not be dialled, or null for a global unicast one. */
export function classifyAddress(address: string): string | null {
  let parsed = parseAddress(address);
  if (!parsed) return 'unrecognised';
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed instanceof ipaddr.IPv6 && !parsed.match(IPV6_GLOBAL_UNICAST)) return 'outside 2000::/3';
  return null;
}

/** Only the strict forms Node itself dials; anything else is not classified at all. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const version = isIP(address);
  try {
    if (version === 4) return ipaddr.IPv4.parse(address);
    // ipaddr.js reads the deprecated IPv4-compatible `::a.b.c.d` as IPv4-mapped, which is not what is dialled;
    // the URL parser writes every IPv6 address in hex groups. A zone only scopes a link-local address.
    if (version === 6) return ipaddr.IPv6.parse(new URL(`http://[${address.split('%')[0]}]/`).hostname.slice(1, -1));
  } catch {
    // Falls through: an address ipaddr.js cannot read is refused.
  }
  return null;
}
