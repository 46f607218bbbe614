import ipaddr from 'ipaddr.js';

/** Whether a socket's peer address is this machine's loopback (`127/8`, `::1`, or `127/8` mapped into IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'loopback';
}
