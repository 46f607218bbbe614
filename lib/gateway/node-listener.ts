import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveWebHandler, type WebHandler } from '../http/node-bridge';
import type { GatewayHandlers } from './handlers';
import { wantsAnthropicShape } from './model-list';
import type { ClientProtocol } from './request/endpoint';
import { buildErrorResponse } from './request/gateway-error';

// The /v1 endpoints mounted straight on node:http. The production server (scripts/server.mjs) puts this in front
// of Next so a model request pays for the gateway's own work and not for the framework's request pipeline; the
// app/v1 route files serve the same handlers wherever the app runs under Next alone (next dev, plain
// standalone, Vercel).

/** Takes a request when it is for a gateway endpoint (and returns true); leaves every other one alone. */
export type GatewayNodeListener = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createGatewayNodeListener(handlers: GatewayHandlers): GatewayNodeListener {
  const endpoints: Partial<Record<string, WebHandler>> = {
    'POST /v1/chat/completions': handlers.handleChatCompletions,
    'POST /v1/messages': handlers.handleMessages,
    'POST /v1/messages/count_tokens': handlers.handleCountTokens,
    'POST /v1/embeddings': handlers.handleEmbeddings,
    'POST /v1/responses': handlers.handleResponses,
    'GET /v1/models': handlers.handleModels,
  };
  return (req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const handler = endpoints[`${req.method} ${path}`] ?? prefixedEndpoint(handlers, req.method, path);
    if (handler) {
      void serveWebHandler(req, res, handler);
      return true;
    }
    const allowed = allowedMethod(path);
    if (!allowed) return false;
    void serveWebHandler(req, res, (request) => Promise.resolve(methodNotAllowed(request, path, allowed)));
    return true;
  };
}

/** Endpoints whose path carries an id: one model, one stored response. */
function prefixedEndpoint(handlers: GatewayHandlers, method: string | undefined, path: string): WebHandler | undefined {
  if (method === 'GET' && path.startsWith('/v1/models/')) return handlers.handleModel;
  if (STORED_RESPONSE.test(path) && (method === 'GET' || (method === 'DELETE' && !path.endsWith('/input_items')))) return handlers.handleStoredResponse;
  return undefined;
}

const STORED_RESPONSE = /^\/v1\/responses\/[^/]+(\/input_items)?$/;

/** The methods a gateway endpoint takes, for any other method on its path; undefined for other paths. */
function allowedMethod(path: string): string | undefined {
  if (path === '/v1/models' || path.startsWith('/v1/models/')) return 'GET';
  if (STORED_RESPONSE.test(path)) return path.endsWith('/input_items') ? 'GET' : 'GET, DELETE';
  return ['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/embeddings', '/v1/responses'].includes(path) ? 'POST' : undefined;
}

/** 405 in the shape of the path's client (the Anthropic endpoints', or the models list's by its headers). */
function methodNotAllowed(request: Request, path: string, allowed: string): Response {
  const anthropic = path.startsWith('/v1/messages') || (path.startsWith('/v1/models') && wantsAnthropicShape(request.headers));
  const protocol: ClientProtocol = anthropic ? 'anthropic' : 'openai';
  const message = `${request.method} is not allowed on ${path}; use ${allowed}`;
  return buildErrorResponse(protocol, { status: 405, message, param: null }, { allow: allowed });
}
