import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveWebHandler, type WebHandler } from '../http/node-bridge';
import type { GatewayHandlers } from './handlers';

// The /v1 endpoints mounted straight on node:http. The production server (scripts/server.mjs) puts this in front
// of Next so a model request pays for the gateway's own work and not for the framework's request pipeline; the
// app/v1 route files serve the same handlers wherever the app runs under Next alone (next dev, plain
// standalone, Vercel).

/** Takes a request when it is for a gateway endpoint (and returns true); leaves every other one alone. */
export type GatewayNodeListener = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createGatewayNodeListener(handlers: GatewayHandlers, maxBodyBytes: number): GatewayNodeListener {
  const endpoints: Record<string, WebHandler> = {
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
    const handler = endpoints[`${req.method} ${path}`] ?? (req.method === 'GET' && path.startsWith('/v1/models/') ? handlers.handleModel : undefined);
    if (!handler) return false;
    void serveWebHandler(req, res, handler, { maxBodyBytes });
    return true;
  };
}
