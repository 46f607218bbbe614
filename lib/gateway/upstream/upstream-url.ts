// Provider base URLs are stored as admins paste them: with or without a trailing `/v1`, with or without a
// trailing slash. The endpoint paths below all start with `/v1`, which is never doubled.

export type UpstreamEndpoint =
  | '/v1/chat/completions'
  | '/v1/messages'
  | '/v1/messages/count_tokens'
  | '/v1/embeddings'
  | '/v1/responses'
  | `/v1/responses/${string}`
  | '/v1/models';

export type UpstreamTarget = { origin: string; path: string };

export function buildUpstreamUrl(apiUrl: string, endpoint: UpstreamEndpoint): UpstreamTarget {
  const base = new URL(apiUrl);
  let basePath = base.pathname.replace(/\/+$/, '');
  if (basePath.endsWith('/v1')) basePath = basePath.slice(0, -'/v1'.length);
  return { origin: base.origin, path: `${basePath}${endpoint}${base.search}` };
}
