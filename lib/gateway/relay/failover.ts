import type { ResponsesResponse } from '../../protocol/responses/types';
import { ConversionError, readUpstreamErrorBody, UpstreamResponseError, type ProtocolError } from '../../protocol/errors';
import { estimateInputTokens } from '../../protocol/token-estimate';
import type { GatewayContext } from '../context/context';
import type { Exchange } from './exchange';
import { buildErrorResponse, GatewayError } from '../request/gateway-error';
import type { ParsedBody } from '../request/json-body';
import { createImageUrlInliner } from '../media/inline-image-urls';
import type { GatewayRoute } from '../routing/route-types';
import { redactKey } from '../upstream/provider-key-health';
import { UpstreamTransportError, type UpstreamReply } from '../upstream/upstream-client';
import { classifyUpstreamStatus } from '../upstream/upstream-status';
import { peekStream } from './stream-peek';
import { createRelayStream } from './stream-relay';
import { planTranslation, type BodyAnswer, type Translation } from './translation';
import type { ClientProtocol, EndpointKind } from '../request/endpoint';

// The failover loop: tries the ordered routes one by one until one answers. It fails over on transport
// errors and timeouts before the first byte, on the failover statuses, and on a stream that opens with an
// error; the caller's own mistakes (400/413/422) go back at once; nothing fails over once bytes went out.

/** What the loop uses of the gateway's context: given as data in its unit tests. */
export type FailoverContext = Pick<GatewayContext, 'settings' | 'circuits' | 'upstream' | 'keyHealth' | 'fetchMedia' | 'metrics' | 'log' | 'inFlight'>;

export type FailoverInput = {
  request: Request;
  exchange: Exchange;
  clientProtocol: ClientProtocol;
  kind: EndpointKind;
  body: ParsedBody;
  routes: GatewayRoute[];
  /** Keeps a converted Responses answer for previous_response_id. */
  keepResponse?: (response: ResponsesResponse) => void;
};

/** A runaway upstream error body is cut here. */
const ERROR_BODY_LIMIT = 64 * 1024;

export async function runFailover(context: FailoverContext, input: FailoverInput): Promise<Response> {
  const { request, exchange, clientProtocol } = input;
  const { circuits: breakers, settings } = context;
  const failures: string[] = [];
  const noteFailure = (route: GatewayRoute, reason: string, metricReason: string, httpStatus: number | null = null) => {
    exchange.failAttempt(reason, httpStatus);
    failures.push(`${route.provider.name}: ${reason}`);
    context.metrics.observeUpstreamError(route.provider.name, metricReason);
  };
  const imageUrls = createImageUrlInliner(input.kind, input.body, request.signal, {
    fetch: context.fetchMedia,
    maxBytesPerItem: settings.imageFetchMaxBytes,
    maxBytesPerRequest: settings.maxBodyBytes,
    timeoutMs: settings.imageFetchTimeoutMs,
  });

  for (const route of input.routes) {
    if (request.signal.aborted) break;
    const body = await imageUrls.bodyFor(route);
    if (!breakers.tryAcquire(route.key)) continue;
    exchange.beginAttempt(route);
    const translation = planTranslationOrRelease(context, { ...input, body }, route, exchange.notes);

    let reply: UpstreamReply;
    try {
      reply = await exchange.awaitUpstream(
        context.upstream.send({
          route,
          endpoint: translation.endpoint,
          method: 'POST',
          body: translation.body,
          clientHeaders: request.headers,
          signal: request.signal,
        }),
      );
    } catch (error) {
      const transport = error as UpstreamTransportError;
      if (transport.kind === 'aborted') {
        breakers.release(route.key);
        break;
      }
      breakers.recordFailure(route.key);
      noteFailure(route, transport.message, transport.kind);
      continue;
    }

    if (reply.status >= 200 && reply.status < 300) {
      const answered = exchange.stream
        ? await answerStream(context, input, route, reply, translation)
        : await answerBody(context, input, route, reply, translation);
      if (answered instanceof Response) return answered;
      noteFailure(route, answered, 'stream_error');
      continue;
    }

    const errorText = await exchange.awaitUpstream(readErrorText(reply));
    const verdict = classifyUpstreamStatus(reply.status);
    const upstreamError = readUpstreamErrorBody(reply.status, redactKey(errorText, route.apiKey));
    if (verdict === 'final') {
      breakers.release(route.key);
      return answerUpstreamError(exchange, clientProtocol, upstreamError, reply);
    }
    breakers.recordFailure(route.key);
    if (verdict === 'fail-over-key') context.keyHealth.noteError(route.providerTokenId, `HTTP ${reply.status}: ${upstreamError.message}`, route.apiKey);
    noteFailure(route, `HTTP ${reply.status}`, `http_${reply.status}`, reply.status);
  }

  if (request.signal.aborted) {
    exchange.finish({ status: 'error', httpStatus: 499, errorType: 'client_disconnected' });
    return new Response(null, { status: 499, headers: exchange.responseHeaders() });
  }
  if (exchange.attempts === 0) {
    throw new GatewayError(503, `No route for model "${exchange.modelName}" is available right now; try again shortly`, 'no_available_route');
  }
  throw new GatewayError(
    502,
    `All ${exchange.attempts} upstream attempt(s) for model "${exchange.modelName}" failed: ${failures.join('; ')}`,
    'upstream_failed',
  );
}

function planTranslationOrRelease(context: FailoverContext, input: FailoverInput, route: GatewayRoute, warnings: string[]): Translation {
  try {
    return planTranslation({
      clientProtocol: input.clientProtocol,
      kind: input.kind,
      body: input.body,
      route,
      conversion: context.settings.conversion,
      warnings,
      keepResponse: input.keepResponse,
    });
  } catch (error) {
    context.circuits.release(route.key);
    if (error instanceof ConversionError) throw GatewayError.fromConversion(error);
    // A converter tripping over an unexpected shape: the request is malformed for this protocol.
    throw new GatewayError(400, `The request could not be converted for this model: ${(error as Error).message}`, 'invalid_request');
  }
}

/** A 2xx non-streaming answer. Returns the failure text instead of a Response when the body is unusable. */
async function answerBody(context: FailoverContext, input: FailoverInput, route: GatewayRoute, reply: UpstreamReply, translation: Translation): Promise<Response | string> {
  const breakers = context.circuits;
  const { exchange } = input;
  let collected: CollectedBody;
  try {
    collected = await exchange.awaitUpstream(collectBody(reply, translation.converts ? context.settings.maxBodyBytes : Infinity));
  } catch {
    if (input.request.signal.aborted) breakers.release(route.key);
    else breakers.recordFailure(route.key);
    return 'response body failed';
  }
  if (!collected.complete) {
    breakers.recordFailure(route.key);
    return `response too large to convert (over ${context.settings.maxBodyBytes} bytes)`;
  }
  let converted: BodyAnswer;
  try {
    converted = translation.convertBody(collected.bytes);
  } catch (error) {
    converted = { ok: false, problem: error instanceof UpstreamResponseError ? `unusable response (${error.message})` : 'response is not valid JSON' };
  }
  if (!converted.ok) {
    breakers.recordFailure(route.key);
    return converted.problem;
  }
  breakers.recordSuccess(route.key);
  exchange.finish({ status: 'ok', httpStatus: reply.status, usage: converted.usage });
  return new Response(converted.body, {
    status: reply.status,
    headers: { 'content-type': 'application/json', ...exchange.responseHeaders() },
  });
}

async function answerStream(context: FailoverContext, input: FailoverInput, route: GatewayRoute, reply: UpstreamReply, translation: Translation): Promise<Response | string> {
  const breakers = context.circuits;
  // Until the stream's first events are in, the gateway waits on the upstream (the overhead header leaves it out).
  const peeked = await input.exchange.awaitUpstream(peekStream(reply, translation.classifyStreamStart));
  if (peeked.kind === 'stream-error') {
    breakers.recordFailure(route.key);
    return `stream opened with error ${peeked.error.status}`;
  }
  if (peeked.kind === 'not-event-stream') {
    breakers.recordFailure(route.key);
    return 'answer is not an event stream';
  }
  if (peeked.kind === 'transport-error') {
    if (peeked.error.kind === 'aborted') breakers.release(route.key);
    else breakers.recordFailure(route.key);
    return peeked.error.message;
  }
  breakers.recordSuccess(route.key);
  const stream = createRelayStream({
    reply,
    peeked,
    pipeline: translation.createStream(),
    exchange: input.exchange,
    clientProtocol: input.clientProtocol,
    heartbeatMs: context.settings.streamHeartbeatMs,
    estimateInputTokens: () => estimateInputTokens(input.body.json),
    deadline: context.inFlight.deadlinePassed,
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      ...input.exchange.responseHeaders(),
    },
  });
}

function answerUpstreamError(exchange: Exchange, clientProtocol: ClientProtocol, error: ProtocolError, reply: UpstreamReply): Response {
  exchange.finish({ status: 'error', httpStatus: error.status, errorType: 'upstream_error' });
  const headers = exchange.responseHeaders();
  const retryAfter = reply.headers['retry-after'];
  if (typeof retryAfter === 'string') headers['retry-after'] = retryAfter;
  return buildErrorResponse(clientProtocol, error, headers);
}

type CollectedBody = { bytes: Buffer<ArrayBuffer>; complete: boolean };

/** The body's bytes up to `limit`; a longer body is cut there (and its connection dropped). */
async function collectBody(reply: UpstreamReply, limit: number): Promise<CollectedBody> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of reply.body) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > limit) {
      reply.body.destroy();
      return { bytes: Buffer.concat(chunks, size).subarray(0, limit), complete: false };
    }
  }
  return { bytes: Buffer.concat(chunks, size), complete: true };
}

/** Upstream error bodies are read for their message only; a broken one still tells its status, which the verdict needs. */
async function readErrorText(reply: UpstreamReply): Promise<string> {
  try {
    return (await collectBody(reply, ERROR_BODY_LIMIT)).bytes.toString('utf8');
  } catch {
    return '';
  }
}
