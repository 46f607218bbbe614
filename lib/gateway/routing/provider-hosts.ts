import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

// AXONGATE_PROVIDER_HOSTS: the hosts a provider's api_url may name. Unset allows any host, since providers on the
// gateway's own network (vLLM or Ollama on localhost, a proxy in the VPC) are normal. Entries, separated by commas
// or spaces, are matched against the URL's host as written, never resolved:
//   api.openai.com        that host name exactly (any port)
//   *.openai.azure.com    any name below that domain (not the domain itself)
//   127.0.0.1, ::1        that IP address, when the URL names it literally
//   10.0.0.0/8, fd00::/8  any IP address in that range, when the URL names it literally

export type ProviderHosts = {
  /** The setting as configured, or null when any host is allowed. */
  readonly setting: string | null;
  /** Whether an http(s) URL's host may be called. */
  allowsUrl(url: string): boolean;
};

type Matcher = (host: string, address: ipaddr.IPv4 | ipaddr.IPv6 | null) => boolean;

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const ANY_HOST: ProviderHosts = { setting: null, allowsUrl: () => true };

/** Throws naming the first entry that is none of the forms above. */
export function parseProviderHosts(setting: string | undefined): ProviderHosts {
  const entries = (setting ?? '').split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return ANY_HOST;
  const matchers = entries.map(toMatcher);
  return {
    setting: entries.join(','),
    allowsUrl(url) {
      const host = hostOf(url);
      if (host === null) return false;
      const address = isIP(host) ? ipaddr.process(host) : null;
      return matchers.some((matches) => matches(host, address));
    },
  };
}

function toMatcher(entry: string): Matcher {
  const text = entry.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (text.includes('/')) {
    if (!ipaddr.isValidCIDR(text)) throw invalidEntry(entry);
    const [network, bits] = ipaddr.parseCIDR(text);
    return (_host, address) => address !== null && address.kind() === network.kind() && address.match(network, bits);
  }
  if (isIP(text)) {
    const expected = ipaddr.process(text).toNormalizedString();
    return (_host, address) => address !== null && address.toNormalizedString() === expected;
  }
  if (text.startsWith('*.') && HOST_NAME.test(text.slice(2))) {
    const suffix = text.slice(1);
    return (host, address) => address === null && host.endsWith(suffix);
  }
  if (HOST_NAME.test(text)) return (host, address) => address === null && host === text;
  throw invalidEntry(entry);
}

/** The URL's host name, lower-case, an IPv6 address without its brackets; null for no http(s) URL. */
function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  } catch {
    return null;
  }
}

function invalidEntry(entry: string): Error {
  return new Error(
    `Invalid configuration:\n  AXONGATE_PROVIDER_HOSTS: "${entry}" is not a host name, a *.domain pattern, an IP address or a CIDR range`,
  );
}
