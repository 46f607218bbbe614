import type { UpstreamProtocol } from '../routing/route-types';

// Client headers never pass by default: only these are copied, so the client's token, cookies, forwarding
// headers and IP stay at the gateway.
export const FORWARDED_CLIENT_HEADERS = ['anthropic-version', 'anthropic-beta', 'openai-organization', 'user-agent', 'x-request-id'] as const;

export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** Headers a provider's extra_headers must never override: they carry the key, the body framing or hop state. */
const PROTECTED_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'content-length',
  'content-type',
  'host',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
]);

export type UpstreamHeaderInput = {
  clientHeaders: Headers;
  protocol: UpstreamProtocol;
  apiKey: string;
  extraHeaders: Record<string, string>;
  /** Set for requests with a body. */
  contentType?: string;
  accept?: string;
};

export function buildUpstreamHeaders(input: UpstreamHeaderInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_CLIENT_HEADERS) {
    const value = input.clientHeaders.get(name);
    if (value !== null) headers[name] = value;
  }
  for (const [name, value] of Object.entries(input.extraHeaders)) {
    const lower = name.toLowerCase();
    if (!PROTECTED_HEADERS.has(lower) && typeof value === 'string') headers[lower] = value;
  }
  if (input.protocol === 'anthropic') {
    headers['anthropic-version'] ??= DEFAULT_ANTHROPIC_VERSION;
    headers['x-api-key'] = input.apiKey;
  } else {
    // Anthropic's headers mean nothing to an OpenAI-type server; some compatible servers reject unknown ones.
    delete headers['anthropic-version'];
    delete headers['anthropic-beta'];
    headers.authorization = `Bearer ${input.apiKey}`;
  }
  if (input.contentType) headers['content-type'] = input.contentType;
  if (input.accept) headers.accept = input.accept;
  return headers;
}
