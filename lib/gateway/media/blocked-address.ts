import { isIPv4, isIPv6 } from 'node:net';

// Which IP addresses a URL given by a client may make the gateway connect to: the public internet only.
// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.

export type BlockedRange =
  | 'unspecified'
  | 'this-network'
  | 'loopback'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

type Prefix = { bytes: number[]; length: number };
type BlockedPrefix = Prefix & { range: BlockedRange };

/** Checked in order: the first match names the range (broadcast before the reserved block holding it). */
const IPV4_BLOCKED = [
  cidr4('0.0.0.0/8', 'this-network'),
  cidr4('10.0.0.0/8', 'private'),
  cidr4('100.64.0.0/10', 'shared (CGNAT)'),
  cidr4('127.0.0.0/8', 'loopback'),
  cidr4('169.254.0.0/16', 'link-local'),
  cidr4('172.16.0.0/12', 'private'),
  cidr4('192.0.0.0/24', 'reserved'),
  cidr4('192.168.0.0/16', 'private'),
  cidr4('198.18.0.0/15', 'reserved'),
  cidr4('224.0.0.0/4', 'multicast'),
  cidr4('255.255.255.255/32', 'broadcast'),
  cidr4('240.0.0.0/4', 'reserved'),
];

const IPV6_BLOCKED: BlockedPrefix[] = [
  { ...prefix6('::', 128), range: 'unspecified' },
  { ...prefix6('::1', 128), range: 'loopback' },
  { ...prefix6('100::', 64), range: 'reserved' },
  { ...prefix6('fc00::', 7), range: 'unique-local' },
  { ...prefix6('fe80::', 10), range: 'link-local' },
  { ...prefix6('fec0::', 10), range: 'reserved' },
  { ...prefix6('ff00::', 8), range: 'multicast' },
];

/** Prefixes whose addresses embed an IPv4 address, with the byte offset where it sits. */
const IPV4_CARRIERS = [
  { prefix: prefix6('::ffff:0:0', 96), offset: 12 }, // IPv4-mapped
  { prefix: prefix6('::', 96), offset: 12 }, // IPv4-compatible (deprecated)
  { prefix: prefix6('64:ff9b::', 96), offset: 12 }, // NAT64
  { prefix: prefix6('2002::', 16), offset: 2 }, // 6to4
];

/** The blocked range an IP address falls in, or null for a public address. Throws for text that is no IP address. */
export function classifyAddress(address: string): BlockedRange | null {
  if (isIPv4(address)) return matchRange(ipv4Bytes(address), IPV4_BLOCKED);
  const plain = address.split('%')[0];
  if (!isIPv6(plain)) throw new TypeError(`not an IP address: ${address}`);
  const bytes = ipv6Bytes(plain);
  const blocked = matchRange(bytes, IPV6_BLOCKED);
  if (blocked) return blocked;
  const carrier = IPV4_CARRIERS.find(({ prefix }) => inPrefix(bytes, prefix));
  return carrier ? matchRange(bytes.slice(carrier.offset, carrier.offset + 4), IPV4_BLOCKED) : null;
}

function matchRange(bytes: number[], ranges: BlockedPrefix[]): BlockedRange | null {
  return ranges.find((range) => inPrefix(bytes, range))?.range ?? null;
}

function inPrefix(bytes: number[], { bytes: network, length }: Prefix): boolean {
  if (bytes.length !== network.length) return false;
  for (let bit = 0; bit < length; bit += 8) {
    const width = Math.min(8, length - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if ((bytes[bit / 8] & mask) !== (network[bit / 8] & mask)) return false;
  }
  return true;
}

function cidr4(text: string, range: BlockedRange): BlockedPrefix {
  const [address, length] = text.split('/');
  return { bytes: ipv4Bytes(address), length: Number(length), range };
}

function prefix6(address: string, length: number): Prefix {
  return { bytes: ipv6Bytes(address), length };
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** A valid IPv6 address (no zone) as 16 bytes; `::` expanded, an IPv4 tail turned into two groups. */
function ipv6Bytes(address: string): number[] {
  const [head, tail] = address.toLowerCase().split('::');
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right].flatMap((group) => [group >> 8, group & 0xff]);
}

function toGroups(text: string): number[] {
  if (text === '') return [];
  return text.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a, b, c, d] = ipv4Bytes(group);
    return [(a << 8) | b, (c << 8) | d];
  });
}
