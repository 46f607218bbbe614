import { isDatabaseUnavailable, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../db';
import { ConversionError } from '../protocol/errors';
import { assertModelAllowed } from './access/allowed-models';
import { estimateRequestCost } from './access/cost-estimate';
import { enforceRateLimit } from './access/rate-limiter';
import type { GatewayContext } from './context/context';
import { Exchange } from './relay/exchange';
import { buildErrorResponse, GatewayError } from './request/gateway-error';
import { BodyError, readJsonBody, type ParsedBody } from './request/json-body';
import { runFailover } from './relay/failover';
import { orderRoutes } from './routing/order-routes';
import type { GatewayRoute } from './routing/route-types';
import type { Continuation } from './responses/continue-conversation';
import { ENDPOINT_PATHS, type ClientProtocol, type EndpointKind } from './request/endpoint';

// The life cycle of one model request: authenticate → read the body → check the model, the rate and the
// budget → resolve and order the routes → fail over across them. Every error comes back in the client's
// protocol shape, and every authenticated request leaves one usage row.

export type ModelRequestOptions = {
  clientProtocol: ClientProtocol;
  kind: EndpointKind;
  /** Keeps only the routes this endpoint can use (embeddings and responses: OpenAI-type providers). */
  filterRoutes?: (routes: GatewayRoute[], model: string) => GatewayRoute[];
  recordsUsage?: boolean;
  /** Answers without an upstream when it can (count_tokens estimates for OpenAI-only models). */
  answerLocally?: (routes: GatewayRoute[], body: ParsedBody, exchange: Exchange) => Promise<Response | null>;
  /** The body the routes get, once they are known (Responses: a stored conversation continued). */
  prepareBody?: (body: ParsedBody, exchange: Exchange, routes: GatewayRoute[]) => Promise<Continuation>;
};

export async function proxyModelRequest(context: GatewayContext, request: Request, options: ModelRequestOptions): Promise<Response> {
  const exchange = new Exchange(context, options.clientProtocol, options.recordsUsage ?? true);
  exchange.traceRequest(ENDPOINT_PATHS[options.kind]);
  // In flight until the exchange finishes: for a stream that is when the relay ends or the client leaves.
  const endInFlight = context.inFlight.begin();
  exchange.whenFinished(endInFlight);
  const response = await answerModelRequest(context, request, options, exchange);
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) endInFlight();
  return response;
}

const STREAMING_KINDS: ReadonlySet<EndpointKind> = new Set(['chat', 'messages', 'responses']);

async function answerModelRequest(context: GatewayContext, request: Request, options: ModelRequestOptions, exchange: Exchange): Promise<Response> {
  try {
    if (context.inFlight.draining) {
      throw new GatewayError(503, 'The gateway is shutting down; retry the request', 'shutting_down', { 'retry-after': '1' });
    }
    exchange.token = await context.tokens.authenticate(request.headers);
    const body = await readJsonBody(request, context.settings.maxBodyBytes);
    exchange.modelName = readModel(body);
    // count_tokens and embeddings answer one JSON document, whatever the body says.
    exchange.stream = STREAMING_KINDS.has(options.kind) && body.json.stream === true;
    validateShape(options.kind, body);
    assertModelAllowed(exchange.token, exchange.modelName);
    await enforceRateLimit(context.rateLimiter, exchange.token);

    let routes = await context.routes.resolve(exchange.modelName);
    if (routes.length === 0) throw new GatewayError(404, `The model "${exchange.modelName}" does not exist or has no active route`, 'model_not_found');
    const local = await options.answerLocally?.(routes, body, exchange);
    if (local) return local;
    const { body: prepared, keepResponse } = (await options.prepareBody?.(body, exchange, routes)) ?? { body };
    // Released when the request's usage row is written, whatever the outcome (lib/usage/insert-usage-rows.ts); a
    // request that is not billed writes no row and takes none.
    if (exchange.recordsUsage) {
      await context.budgets.reserve(exchange.requestId, exchange.token, estimateRequestCost(routes, prepared, context.settings.conversion.defaultMaxTokens));
    }
    if (options.filterRoutes) routes = options.filterRoutes(routes, exchange.modelName);
    const ordered = orderRoutes(routes, { isAvailable: (key) => context.circuits.isAvailable(key) });
    return await runFailover(context, { request, exchange, clientProtocol: options.clientProtocol, kind: options.kind, body: prepared, routes: ordered, keepResponse });
  } catch (error) {
    return answerError(exchange, error, context.log);
  }
}

/** Turns anything thrown on the way into the client's error shape and finishes the exchange with it. */
export function answerError(exchange: Exchange, error: unknown, log: (message: string) => void): Response {
  const known = toGatewayError(error);
  if (!known) log(`${exchange.requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const gatewayError = known ?? new GatewayError(500, 'The gateway failed to handle this request', 'internal_error');
  exchange.finish({ status: 'error', httpStatus: gatewayError.status, errorType: gatewayError.errorType });
  return buildErrorResponse(exchange.clientProtocol, gatewayError.toProtocolError(), {
    ...exchange.responseHeaders(),
    ...gatewayError.headers,
  });
}

function toGatewayError(error: unknown): GatewayError | null {
  if (error instanceof GatewayError) return error;
  if (error instanceof BodyError) {
    return new GatewayError(error.problem.status, error.problem.message, error.problem.status === 413 ? 'request_too_large' : 'invalid_request');
  }
  if (error instanceof ConversionError) return GatewayError.fromConversion(error);
  // Only requests whose token or routes are not cached get here while the database is down.
  if (isDatabaseUnavailable(error)) {
    return new GatewayError(503, 'The gateway cannot reach its database right now; retry shortly', 'database_unavailable', { 'retry-after': '5' });
  }
  return null;
}

/** Longer than any model name a provider uses; the name is cached, logged and stored, so it is bounded here. */
const MAX_MODEL_NAME_CHARS = 256;

function readModel(body: ParsedBody): string {
  const model = body.json.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new GatewayError(400, 'model: a non-empty string is required', 'invalid_request');
  }
  if (model.length > MAX_MODEL_NAME_CHARS) {
    throw new GatewayError(400, `model: at most ${MAX_MODEL_NAME_CHARS} characters`, 'invalid_request');
  }
  if (!isStorableText(model)) {
    throw new GatewayError(400, `model: ${UNSTORABLE_TEXT_MESSAGE}`, 'invalid_request');
  }
  return model;
}

function validateShape(kind: EndpointKind, body: ParsedBody): void {
  const { json } = body;
  if ((kind === 'chat' || kind === 'messages' || kind === 'count_tokens') && !Array.isArray(json.messages)) {
    throw new GatewayError(400, 'messages: an array of messages is required', 'invalid_request');
  }
  if (kind === 'messages' && json.max_tokens !== undefined && typeof json.max_tokens !== 'number') {
    throw new GatewayError(400, 'max_tokens: must be a number', 'invalid_request');
  }
  if (kind === 'embeddings' && json.input === undefined) {
    throw new GatewayError(400, 'input: the text to embed is required', 'invalid_request');
  }
  if (json.stream !== undefined && typeof json.stream !== 'boolean') {
    throw new GatewayError(400, 'stream: must be a boolean', 'invalid_request');
  }
}
