import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveWebHandler, type WebHandler } from '../http/node-bridge';
import {
  handleChatCompletions,
  handleCountTokens,
  handleEmbeddings,
  handleMessages,
  handleModels,
  handleResponses,
} from './handlers';
import { getGatewaySettings } from './settings';

// The /v1 endpoints mounted straight on node:http. The production server (scripts/server.mjs) puts this in front
// of Next so a model request pays for the gateway's own work and not for the framework's request pipeline; the
// app/v1 route files serve the same handlers wherever the app runs under Next alone (next dev, plain
// standalone, Vercel).

const ENDPOINTS: Record<string, WebHandler> = {
  'POST /v1/chat/completions': handleChatCompletions,
  'POST /v1/messages': handleMessages,
  'POST /v1/messages/count_tokens': handleCountTokens,
  'POST /v1/embeddings': handleEmbeddings,
  'POST /v1/responses': handleResponses,
  'GET /v1/models': handleModels,
};

/** Takes a request when it is for a gateway endpoint (and returns true); leaves every other one alone. */
export type GatewayNodeListener = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createGatewayNodeListener(): GatewayNodeListener {
  return (req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const handler = ENDPOINTS[`${req.method} ${queryAt === -1 ? url : url.slice(0, queryAt)}`];
    if (!handler) return false;
    void serveWebHandler(req, res, handler, { maxBodyBytes: getGatewaySettings().maxBodyBytes });
    return true;
  };
}

const LISTENER_KEY = Symbol.for('axongate.gatewayNodeListener');

/** Hands the listener to the production server, which loads the app through Next and cannot import it. */
export function publishGatewayNodeListener(): void {
  (globalThis as Record<symbol, unknown>)[LISTENER_KEY] = createGatewayNodeListener();
}
