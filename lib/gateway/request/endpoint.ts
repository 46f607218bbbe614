// What a /v1 request is: which protocol its client speaks, and which endpoint it called.

export type ClientProtocol = 'openai' | 'anthropic';

export type EndpointKind = 'chat' | 'messages' | 'count_tokens' | 'embeddings' | 'responses';

/** The path each endpoint kind is served on (all POST). */
export const ENDPOINT_PATHS: Readonly<Record<EndpointKind, string>> = {
  chat: '/v1/chat/completions',
  messages: '/v1/messages',
  count_tokens: '/v1/messages/count_tokens',
  embeddings: '/v1/embeddings',
  responses: '/v1/responses',
};
