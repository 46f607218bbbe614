import { estimateInputTokens } from '../protocol/token-estimate';
import type { GatewayContext } from './context/context';
import { GatewayError } from './request/gateway-error';
import { listModels, retrieveModel } from './model-list';
import { proxyModelRequest } from './proxy-request';
import type { GatewayRoute } from './routing/route-types';
import { servesResponsesNatively } from './relay/translation';
import { continueConversation } from './responses/continue-conversation';
import { answerStoredResponseRequest } from './stored-response-endpoints';

// One function per /v1 endpoint, each a web Request → web Response over the gateway's context.

export type WebHandler = (request: Request) => Promise<Response>;

export type GatewayHandlers = {
  /** POST /v1/chat/completions – OpenAI clients, to any route (converted toward Anthropic-type providers) */
  handleChatCompletions: WebHandler;
  /** POST /v1/messages – Anthropic clients, to any route (converted toward OpenAI-type providers) */
  handleMessages: WebHandler;
  /** POST /v1/embeddings – OpenAI clients, OpenAI-type routes only */
  handleEmbeddings: WebHandler;
  /** POST /v1/responses – OpenAI clients, to any route (through Chat Completions toward chat-only and Anthropic-type routes) */
  handleResponses: WebHandler;
  /** GET and DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items – responses kept for converted routes */
  handleStoredResponse: WebHandler;
  /** POST /v1/messages/count_tokens – forwarded to Anthropic-type routes; estimated locally when the model has none */
  handleCountTokens: WebHandler;
  /** GET /v1/models – the models the caller's token may use, in its client's list shape */
  handleModels: WebHandler;
  /** GET /v1/models/{id} – one of them, in its client's shape */
  handleModel: WebHandler;
};

export function createHandlers(context: GatewayContext): GatewayHandlers {
  return {
    handleChatCompletions: (request) => proxyModelRequest(context, request, { clientProtocol: 'openai', kind: 'chat' }),
    handleMessages: (request) => proxyModelRequest(context, request, { clientProtocol: 'anthropic', kind: 'messages' }),
    handleEmbeddings: (request) =>
      proxyModelRequest(context, request, { clientProtocol: 'openai', kind: 'embeddings', filterRoutes: keepOpenAIRoutes('/v1/embeddings') }),
    handleResponses: (request) =>
      proxyModelRequest(context, request, {
        clientProtocol: 'openai',
        kind: 'responses',
        prepareBody: (body, exchange, routes) => continueConversation(context.storedResponses, body, exchange.token!.id, routes.some(servesResponsesNatively)),
      }),
    handleStoredResponse: (request) => answerStoredResponseRequest(context, request),
    handleCountTokens: (request) =>
      proxyModelRequest(context, request, {
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
      }),
    handleModels: (request) => listModels(context, request),
    handleModel: (request) => retrieveModel(context, request),
  };
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
