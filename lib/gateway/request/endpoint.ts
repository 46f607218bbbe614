// What a /v1 request is: which protocol its client speaks, and which endpoint it called.

export type ClientProtocol = 'openai' | 'anthropic';

export type EndpointKind = 'chat' | 'messages' | 'count_tokens' | 'embeddings' | 'responses';
