import { estimateInputTokens } from './estimate-tokens';
import { GatewayError } from './gateway-error';
import { proxyModelRequest } from './proxy-request';
import type { GatewayRoute } from './route-types';

// One function per /v1 endpoint, each a web Request → web Response; app/v1/**/route.ts call these.

// POST /v1/chat/completions – OpenAI clients, to any route (converted toward Anthropic-type providers)
export function handleChatCompletions(request: Request): Promise<Response> {
  return proxyModelRequest(request, { clientProtocol: 'openai', kind: 'chat' });
}

// POST /v1/messages – Anthropic clients, to any route (converted toward OpenAI-type providers)
export function handleMessages(request: Request): Promise<Response> {
  return proxyModelRequest(request, { clientProtocol: 'anthropic', kind: 'messages' });
}

// POST /v1/embeddings – OpenAI clients, OpenAI-type routes only
export function handleEmbeddings(request: Request): Promise<Response> {
  return proxyModelRequest(request, { clientProtocol: 'openai', kind: 'embeddings', filterRoutes: keepOpenAIRoutes('/v1/embeddings') });
}

// POST /v1/responses – OpenAI clients, OpenAI-type routes only
export function handleResponses(request: Request): Promise<Response> {
  return proxyModelRequest(request, { clientProtocol: 'openai', kind: 'responses', filterRoutes: keepOpenAIRoutes('/v1/responses') });
}

// POST /v1/messages/count_tokens – forwarded to Anthropic-type routes; estimated locally when the model has none
export function handleCountTokens(request: Request): Promise<Response> {
  return proxyModelRequest(request, {
    clientProtocol: 'anthropic',
    kind: 'count_tokens',
    recordsUsage: false,
    answerLocally: async (routes, body, exchange) => {
      if (routes.some((route) => route.provider.type === 'anthropic')) return null;
      const inputTokens = await estimateInputTokens(body.json);
      return Response.json(
        { input_tokens: inputTokens },
        // The count comes from OpenAI's tokenizer, not the serving model's: clients can tell it is an estimate.
        { headers: { ...exchange.responseHeaders(), 'x-axongate-token-count': 'estimate' } },
      );
    },
    filterRoutes: (routes) => routes.filter((route) => route.provider.type === 'anthropic'),
  });
}

function keepOpenAIRoutes(endpoint: string) {
  return (routes: GatewayRoute[], model: string): GatewayRoute[] => {
    const usable = routes.filter((route) => route.provider.type === 'openai');
    if (usable.length === 0) {
      throw new GatewayError(400, `${endpoint} is only available for models served by OpenAI-type providers; "${model}" is served by an Anthropic-type provider`, 'invalid_request');
    }
    return usable;
  };
}

export { handleModels } from './list-models';
