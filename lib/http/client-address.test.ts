import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustedProxies } from './client-address';

const loopback = parseTrustedProxies('127.0.0.0/8,::1');

describe('clientAddressOf', () => {
  it('takes the socket peer when it is no trusted proxy, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf('198.51.100.7', '127.0.0.1', loopback)).toBe('198.51.100.7');
    expect(clientAddressOf('198.51.100.7', undefined, loopback)).toBe('198.51.100.7');
  });

  it('takes the address a trusted proxy appended last, walking back through trusted hops only', () => {
    expect(clientAddressOf('127.0.0.1', '203.0.113.9', loopback)).toBe('203.0.113.9');
    // The client wrote the first entry itself; the proxy appended the address it saw.
    expect(clientAddressOf('127.0.0.1', '10.1.1.1, 203.0.113.9', loopback)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:127.0.0.1', '203.0.113.9, 127.0.0.2', loopback)).toBe('203.0.113.9');
  });

  it('stays with the proxy when the header is missing or not an address', () => {
    expect(clientAddressOf('::1', undefined, loopback)).toBe('::1');
    expect(clientAddressOf('127.0.0.1', 'unknown', loopback)).toBe('127.0.0.1');
  });

  it('trusts nobody when the setting is empty, and names a bad entry', () => {
    expect(clientAddressOf('127.0.0.1', '203.0.113.9', parseTrustedProxies(''))).toBe('127.0.0.1');
    expect(clientAddressOf('10.0.0.5', '203.0.113.9', parseTrustedProxies('10.0.0.0/8 [fd00::1]'))).toBe('203.0.113.9');
    expect(() => parseTrustedProxies('127.0.0.1,caddy.local')).toThrow(/"caddy.local" is not an IP address or a CIDR range/);
  });
});
