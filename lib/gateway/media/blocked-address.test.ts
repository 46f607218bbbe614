import { describe, expect, it } from 'vitest';
import { classifyAddress } from './blocked-address';

describe('classifyAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.255.1.2', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['127.8.9.10', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.200', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses IPv4 %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['100::1', 'discard'],
    ['2001:db8::1', 'reserved'],
    ['2001:db8:ffff::8', 'reserved'],
    ['2001::1', 'teredo'],
    ['2002:808:808::1', '6to4'],
    ['64:ff9b::808:808', 'rfc6052'],
    ['64:ff9b::10.0.0.1', 'rfc6052'],
    ['64:ff9b:1::a00:1', 'rfc6052'],
    ['::ffff:0:10.0.0.1', 'rfc6145'],
    ['::ffff:0:808:808', 'rfc6145'],
    // Deprecated IPv4-compatible addresses and unassigned space outside 2000::/3.
    ['::127.0.0.1', 'outside 2000::/3'],
    ['::7f00:1', 'outside 2000::/3'],
    ['::8.8.8.8', 'outside 2000::/3'],
    ['4000::1', 'outside 2000::/3'],
  ])('refuses IPv6 %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::FFFF:7F00:0001', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:a01:203', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:192.0.2.1', 'reserved'],
    ['::ffff:100.64.1.1', 'carrierGradeNat'],
  ])('judges the IPv4-mapped %s as the IPv4 address it stands for (%s)', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '100.63.255.255', '172.32.0.1', '169.253.1.1', '223.255.255.255', '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows the global unicast address %s',
    (address) => {
      expect(classifyAddress(address)).toBeNull();
    },
  );

  it.each(['localhost', '1.2.3', '0x7f.1', '010.0.0.1', '[::1]', '', '::ffff:1.2.3.256'])('refuses %j, which is no IP address it can classify', (text) => {
    expect(classifyAddress(text)).toBe('unrecognised');
  });
});
